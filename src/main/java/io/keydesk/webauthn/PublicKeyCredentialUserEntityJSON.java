package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;

/** WebAuthn L3 §5.1.8 PublicKeyCredentialUserEntityJSON; {@code id} is the user handle. */
public record PublicKeyCredentialUserEntityJSON(Bytes id, String name, String displayName) {
  public PublicKeyCredentialUserEntityJSON {
    Members.required(id, "user.id");
    Members.required(name, "user.name");
    Members.required(displayName, "user.displayName");
  }
}
