package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * WebAuthn L3 §5.2.1.1 AuthenticatorAttestationResponseJSON. {@code publicKey} is the DER
 * SubjectPublicKeyInfo of the credential key, present when the client could convert it.
 */
public record AuthenticatorAttestationResponseJSON(
    Bytes clientDataJSON,
    Bytes attestationObject,
    Optional<Bytes> authenticatorData,
    List<String> transports,
    Optional<Bytes> publicKey,
    Optional<Long> publicKeyAlgorithm) {
  public AuthenticatorAttestationResponseJSON {
    Members.required(clientDataJSON, "response.clientDataJSON");
    Members.required(attestationObject, "response.attestationObject");
    authenticatorData = Members.optional(authenticatorData);
    transports = Members.list(transports, "response.transports");
    publicKey = Members.optional(publicKey);
    publicKeyAlgorithm = Members.optional(publicKeyAlgorithm);
  }
}
