package io.keydesk.webauthn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * WebAuthn L3 §5.1.8 PublicKeyCredentialCreationOptionsJSON: what a relying party sends to start a
 * registration. Parse with {@link WebAuthnJson#read}; check with {@link
 * OptionsValidator#checkCreation} before any device I/O.
 */
public record PublicKeyCredentialCreationOptionsJSON(
    PublicKeyCredentialRpEntity rp,
    PublicKeyCredentialUserEntityJSON user,
    Bytes challenge,
    List<PublicKeyCredentialParameters> pubKeyCredParams,
    Optional<Long> timeout,
    List<PublicKeyCredentialDescriptorJSON> excludeCredentials,
    Optional<AuthenticatorSelectionCriteria> authenticatorSelection,
    List<String> hints,
    Optional<String> attestation,
    List<String> attestationFormats,
    Optional<ObjectNode> extensions) {
  public PublicKeyCredentialCreationOptionsJSON {
    Members.required(rp, "rp");
    Members.required(user, "user");
    Members.required(challenge, "challenge");
    pubKeyCredParams = Members.list(pubKeyCredParams, "pubKeyCredParams");
    timeout = Members.optional(timeout);
    excludeCredentials = Members.list(excludeCredentials, "excludeCredentials");
    authenticatorSelection = Members.optional(authenticatorSelection);
    hints = Members.list(hints, "hints");
    attestation = Members.optional(attestation);
    attestationFormats = Members.list(attestationFormats, "attestationFormats");
    extensions = Members.optional(extensions).map(ObjectNode::deepCopy);
  }

  @Override
  public Optional<ObjectNode> extensions() {
    return extensions.map(ObjectNode::deepCopy);
  }
}
