package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import java.util.List;

/** WebAuthn L3 §5.1.8 PublicKeyCredentialDescriptorJSON (an allow/exclude list entry). */
public record PublicKeyCredentialDescriptorJSON(Bytes id, String type, List<String> transports) {
  public PublicKeyCredentialDescriptorJSON {
    Members.required(id, "credential descriptor id");
    Members.required(type, "credential descriptor type");
    transports = Members.list(transports, "transports");
  }

  public static PublicKeyCredentialDescriptorJSON publicKey(Bytes id) {
    return new PublicKeyCredentialDescriptorJSON(
        id, PublicKeyCredentialParameters.PUBLIC_KEY, List.of());
  }
}
