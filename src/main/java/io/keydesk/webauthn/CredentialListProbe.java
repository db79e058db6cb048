package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which credential of a long allow or exclude list a key holds, without a touch (the way of
 * python-fido2 and browsers; docs/webauthn-client.md "Long allow/exclude lists"): IDs longer than
 * the key's maxCredentialIdLength (getInfo 0x08) are dropped, the rest are probed in chunks of
 * maxCredentialCountInList (0x07) with a getAssertion of up=false and an all-zero clientDataHash.
 * A chunk whose request would exceed the key's maxMsgSize (0x05), or that the key answers with
 * REQUEST_TOO_LARGE, is halved; NO_CREDENTIALS moves on to the next chunk.
 */
public final class CredentialListProbe {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialListProbe.class);

  /** The clientDataHash of a probe: no client data is signed for real. */
  static final Bytes ZERO_HASH = Bytes.of(new byte[32]);

  private CredentialListProbe() {}

  /** The list without the IDs this key cannot take, cut into chunks it accepts. */
  public static List<List<PublicKeyCredentialDescriptor>> plan(
      List<PublicKeyCredentialDescriptor> credentials, Info info) {
    int maxLength = info.maxCredentialIdLength().orElse(Integer.MAX_VALUE);
    int chunkSize = Math.max(1, info.maxCredentialCountInList().orElse(1));
    List<PublicKeyCredentialDescriptor> usable =
        credentials.stream().filter(c -> c.id().length() <= maxLength).toList();
    if (usable.size() < credentials.size()) {
      LOG.debug(
          "dropped {} credential IDs longer than the key's maximum of {} bytes",
          credentials.size() - usable.size(),
          maxLength);
    }
    return chunks(usable, chunkSize);
  }

  static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      out.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
    }
    return out;
  }

  /**
   * Probes the key for the first credential of {@code credentials} it holds for {@code rpId}. When
   * the key answers REQUEST_TOO_LARGE the chunk size is halved for the rest of the list.
   *
   * @param token when present, each probe carries its pinUvAuthParam, so credentials that need user
   *     verification (credProtect level 3) are found too
   */
  public static Optional<PublicKeyCredentialDescriptor> find(
      Ctap2 ctap,
      Info info,
      String rpId,
      List<PublicKeyCredentialDescriptor> credentials,
      Optional<PinUvAuthToken> token,
      CancelToken cancel)
      throws CtapException, TransportException {
    List<PublicKeyCredentialDescriptor> usable =
        plan(credentials, info).stream().flatMap(List::stream).toList();
    int size = Math.max(1, info.maxCredentialCountInList().orElse(1));
    int maxMessage = info.maxMsgSizeOrDefault();
    int from = 0;
    while (from < usable.size()) {
      List<PublicKeyCredentialDescriptor> chunk =
          usable.subList(from, Math.min(usable.size(), from + size));
      GetAssertionRequest request = request(rpId, chunk, token);
      if (chunk.size() > 1 && 1 + Cbor.encode(request.toCbor()).length > maxMessage) {
        // Would exceed the key's maxMsgSize (getInfo 0x05): split before sending.
        size = chunk.size() / 2;
        LOG.debug("{} credential IDs exceed the key's maxMsgSize; trying {}", chunk.size(), size);
        continue;
      }
      try {
        Optional<PublicKeyCredentialDescriptor> found = probe(ctap, request, chunk, cancel);
        if (found.isPresent()) {
          return found;
        }
        from += chunk.size();
      } catch (CtapException e) {
        if (!e.status().equals(CtapStatus.REQUEST_TOO_LARGE) || chunk.size() == 1) {
          throw e;
        }
        size = chunk.size() / 2;
        LOG.debug("the key refused {} credential IDs as too large; trying {}", chunk.size(), size);
      }
    }
    return Optional.empty();
  }

  private static GetAssertionRequest request(
      String rpId, List<PublicKeyCredentialDescriptor> chunk, Optional<PinUvAuthToken> token) {
    GetAssertionRequest.Builder request =
        GetAssertionRequest.builder(rpId, ZERO_HASH)
            .allowList(chunk)
            .options(RequestOptions.none().withUp(false));
    token.ifPresent(
        t ->
            request.pinUvAuth(
                Bytes.of(t.authenticate(ZERO_HASH.toArray())), t.protocol().version()));
    return request.build();
  }

  private static Optional<PublicKeyCredentialDescriptor> probe(
      Ctap2 ctap,
      GetAssertionRequest request,
      List<PublicKeyCredentialDescriptor> chunk,
      CancelToken cancel)
      throws CtapException, TransportException {
    try {
      GetAssertionResponse response =
          ctap.getAssertion(request, cancel, KeepaliveListener.NONE);
      if (response.credential().isPresent()) {
        PublicKeyCredentialDescriptor returned = response.credential().get();
        return chunk.stream()
            .filter(c -> c.id().equals(returned.id()))
            .findFirst()
            .or(() -> Optional.of(returned));
      }
      // A key may leave out the credential when the list held exactly one (CTAP 2.1 section 6.2).
      return chunk.size() == 1 ? Optional.of(chunk.get(0)) : Optional.empty();
    } catch (CtapException e) {
      if (e.status().equals(CtapStatus.NO_CREDENTIALS)) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
