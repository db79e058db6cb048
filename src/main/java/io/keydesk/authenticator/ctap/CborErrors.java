package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.CborException;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;

/**
 * Turns a request that does not parse into the status CTAP 2.1 section 8.2 names: bytes that are
 * not canonical CBOR are INVALID_CBOR, a missing required member MISSING_PARAMETER, a member of the
 * wrong type CBOR_UNEXPECTED_TYPE, and a well-typed but invalid value INVALID_PARAMETER. {@link
 * CborException} carries the kind only in its offset and wording, which the CBOR package keeps
 * stable ("is missing", "should be").
 */
final class CborErrors {
  private CborErrors() {}

  static CtapException toCtap(CborException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    CtapStatus status;
    if (e.offset() >= 0) {
      status = CtapStatus.INVALID_CBOR;
    } else if (message.contains("is missing")) {
      status = CtapStatus.MISSING_PARAMETER;
    } else if (message.contains(" should ")) {
      status = CtapStatus.CBOR_UNEXPECTED_TYPE;
    } else {
      status = CtapStatus.INVALID_PARAMETER;
    }
    return new CtapException(status, "The request is malformed: " + message);
  }
}
