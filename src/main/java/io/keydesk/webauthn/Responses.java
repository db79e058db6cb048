package io.keydesk.webauthn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import java.util.List;
import java.util.Optional;

/** Builds the L3 response JSON records (WebAuthn L3 §5.2.1.1, §5.2.2.1) from key answers. */
final class Responses {
  private Responses() {}

  static RegistrationResponseJSON registration(
      AttestationObject attestation,
      AuthenticatorData authData,
      Bytes clientDataJson,
      List<String> transports,
      ObjectNode clientExtensionResults)
      throws WebAuthnClientException {
    AttestedCredentialData credential =
        authData
            .attestedCredentialData()
            .orElseThrow(
                () ->
                    new WebAuthnClientException(
                        WebAuthnClientException.Code.ENCODING_ERROR,
                        "The key's answer has no credential in it. Try again, or use another"
                            + " key."));
    Optional<Bytes> publicKey = Optional.empty();
    long algorithm;
    try {
      CoseKey key = credential.coseKey();
      publicKey = Optional.of(Bytes.of(key.publicKey().getEncoded()));
      algorithm = key.algorithm().id();
    } catch (WebAuthnClientException e) {
      // §5.2.1.1: publicKey is omitted when the client cannot convert the key.
      algorithm = credential.credentialPublicKey().get(CoseKey.ALG).map(v -> (Long) v).orElse(0L);
    }
    Bytes id = credential.credentialId();
    AuthenticatorAttestationResponseJSON response =
        new AuthenticatorAttestationResponseJSON(
            clientDataJson,
            attestation.toBytes(),
            Optional.of(attestation.authDataBytes()),
            transports,
            publicKey,
            Optional.of(algorithm));
    return new RegistrationResponseJSON(
        id.base64Url(),
        id,
        response,
        Optional.of(WebAuthnClient.CROSS_PLATFORM),
        clientExtensionResults,
        PublicKeyCredentialParameters.PUBLIC_KEY);
  }

  static AuthenticationResponseJSON authentication(
      Bytes credentialId,
      Bytes authenticatorData,
      Bytes signature,
      Optional<Bytes> userHandle,
      Bytes clientDataJson,
      ObjectNode clientExtensionResults) {
    return new AuthenticationResponseJSON(
        credentialId.base64Url(),
        credentialId,
        new AuthenticatorAssertionResponseJSON(
            clientDataJson, authenticatorData, signature, userHandle),
        Optional.of(WebAuthnClient.CROSS_PLATFORM),
        clientExtensionResults,
        PublicKeyCredentialParameters.PUBLIC_KEY);
  }
}
