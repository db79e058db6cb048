package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import java.util.Optional;

/** WebAuthn L3 §5.2.2.1 AuthenticatorAssertionResponseJSON. */
public record AuthenticatorAssertionResponseJSON(
    Bytes clientDataJSON, Bytes authenticatorData, Bytes signature, Optional<Bytes> userHandle) {
  public AuthenticatorAssertionResponseJSON {
    Members.required(clientDataJSON, "response.clientDataJSON");
    Members.required(authenticatorData, "response.authenticatorData");
    Members.required(signature, "response.signature");
    userHandle = Members.optional(userHandle);
  }
}
