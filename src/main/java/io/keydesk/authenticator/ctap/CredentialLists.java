package io.keydesk.authenticator.ctap;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import java.util.List;

/** allowList and excludeList limits (CTAP 2.1 section 6.4 members 0x07 and 0x08). */
final class CredentialLists {
  static final int MAX_CREDENTIAL_COUNT_IN_LIST = 8;
  static final int MAX_CREDENTIAL_ID_LENGTH = 128;

  private CredentialLists() {}

  /**
   * The descriptors worth looking at: of type "public-key" and with an ID of at most 128 bytes
   * (longer IDs cannot be ours and are skipped, as section 6.1.2 step 10 and 6.2.2 step 7 allow for
   * unknown entries).
   *
   * @throws CtapException REQUEST_TOO_LARGE when the list holds more than 8 entries
   */
  static List<PublicKeyCredentialDescriptor> usable(
      String name, List<PublicKeyCredentialDescriptor> list) throws CtapException {
    if (list.size() > MAX_CREDENTIAL_COUNT_IN_LIST) {
      throw new CtapException(
          CtapStatus.REQUEST_TOO_LARGE,
          "The "
              + name
              + " holds "
              + list.size()
              + " credentials; this authenticator accepts at most "
              + MAX_CREDENTIAL_COUNT_IN_LIST
              + " per request.");
    }
    return list.stream()
        .filter(d -> d.type().equals(PublicKeyCredentialDescriptor.PUBLIC_KEY))
        .filter(d -> d.id().length() <= MAX_CREDENTIAL_ID_LENGTH)
        .toList();
  }
}
