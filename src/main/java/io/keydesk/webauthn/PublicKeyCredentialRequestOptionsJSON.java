package io.keydesk.webauthn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * WebAuthn L3 §5.1.9 PublicKeyCredentialRequestOptionsJSON: what a relying party sends to start an
 * authentication. Check with {@link OptionsValidator#checkRequest} before any device I/O.
 */
public record PublicKeyCredentialRequestOptionsJSON(
    Bytes challenge,
    Optional<Long> timeout,
    Optional<String> rpId,
    List<PublicKeyCredentialDescriptorJSON> allowCredentials,
    Optional<String> userVerification,
    List<String> hints,
    Optional<ObjectNode> extensions) {
  public PublicKeyCredentialRequestOptionsJSON {
    Members.required(challenge, "challenge");
    timeout = Members.optional(timeout);
    rpId = Members.optional(rpId);
    allowCredentials = Members.list(allowCredentials, "allowCredentials");
    userVerification = Members.optional(userVerification);
    hints = Members.list(hints, "hints");
    extensions = Members.optional(extensions).map(ObjectNode::deepCopy);
  }

  @Override
  public Optional<ObjectNode> extensions() {
    return extensions.map(ObjectNode::deepCopy);
  }

  /** The effective userVerification requirement; unknown or absent means "preferred". */
  public String effectiveUserVerification() {
    return UserVerification.effective(userVerification);
  }
}
