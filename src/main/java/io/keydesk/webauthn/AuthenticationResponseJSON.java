package io.keydesk.webauthn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import java.util.Optional;

/**
 * WebAuthn L3 §5.1 AuthenticationResponseJSON: what the client returns to the relying party after
 * an authentication. {@code id} must be the base64url of {@code rawId}.
 */
public record AuthenticationResponseJSON(
    String id,
    Bytes rawId,
    AuthenticatorAssertionResponseJSON response,
    Optional<String> authenticatorAttachment,
    ObjectNode clientExtensionResults,
    String type) {
  public AuthenticationResponseJSON {
    CredentialIds.check(id, rawId);
    Members.required(response, "response");
    authenticatorAttachment = Members.optional(authenticatorAttachment);
    clientExtensionResults = Members.object(clientExtensionResults);
    type = type == null ? PublicKeyCredentialParameters.PUBLIC_KEY : type;
  }

  @Override
  public ObjectNode clientExtensionResults() {
    return clientExtensionResults.deepCopy();
  }
}
