package io.keydesk.webauthn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import java.util.Optional;

/**
 * WebAuthn L3 §5.1 RegistrationResponseJSON: what the client returns to the relying party after a
 * registration. {@code id} must be the base64url of {@code rawId}; {@code clientExtensionResults}
 * defaults to {@code {}} and {@code type} to "public-key".
 */
public record RegistrationResponseJSON(
    String id,
    Bytes rawId,
    AuthenticatorAttestationResponseJSON response,
    Optional<String> authenticatorAttachment,
    ObjectNode clientExtensionResults,
    String type) {
  public RegistrationResponseJSON {
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
