package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.CONSTRAINT_ERROR;
import static io.keydesk.webauthn.WebAuthnClientException.Code.INVALID_STATE;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_ALLOWED;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_SUPPORTED;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap1.AuthenticateResponse;
import io.keydesk.ctap1.RegisterResponse;
import io.keydesk.ctap1.U2f;
import io.keydesk.ctap1.U2fException;
import io.keydesk.ctap1.U2fPublicKeys;
import io.keydesk.ctap1.U2fStatus;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * WebAuthn on a key that speaks only CTAP1/U2F (CTAP 2.1 section 10.2 and 10.3; WebAuthn L3 §8.6
 * fido-u2f attestation): register and authenticate over CTAPHID_MSG with the clientDataHash as the
 * challenge parameter and SHA-256 of the RP ID as the application parameter, and the answers turned
 * into authenticator data (AAGUID zero, COSE key from the raw point) and a fido-u2f attestation
 * object.
 */
final class U2fCeremonies {
  static final String FORMAT = "fido-u2f";

  private final U2f u2f;
  private final Ceremony ceremony;

  U2fCeremonies(CtapDevice device, Ceremony ceremony) {
    this.u2f = new U2f(device);
    this.ceremony = ceremony;
  }

  RegistrationResponseJSON register(WebAuthnClient.CreateInputs in)
      throws WebAuthnClientException, TransportException {
    if (in.residentKey().equals(AuthenticatorSelectionCriteria.REQUIRED)) {
      throw new WebAuthnClientException(
          CONSTRAINT_ERROR,
          "The site needs a passkey stored on the key, but this is a U2F-only key that cannot"
              + " store one. Use a FIDO2 key.");
    }
    if (in.userVerification().equals(AuthenticatorSelectionCriteria.REQUIRED)) {
      throw new WebAuthnClientException(
          CONSTRAINT_ERROR,
          "The site requires a PIN or fingerprint, which this U2F-only key does not have. Use a"
              + " FIDO2 key with a PIN.");
    }
    if (in.algorithms().stream().noneMatch(p -> p.alg() == CoseAlgorithm.ES256.id())) {
      throw new WebAuthnClientException(
          NOT_SUPPORTED,
          "This U2F-only key can make only ES256 credentials, which the site does not accept."
              + " Use a FIDO2 key.");
    }
    Bytes application = rpIdHash(in.rpId());
    try {
      for (PublicKeyCredentialDescriptorJSON excluded : in.options().excludeCredentials()) {
        if (excluded.id().length() <= RegisterResponse.MAX_KEY_HANDLE_LENGTH
            && u2f.isKnownKeyHandle(application, excluded.id())) {
          // Wait for a touch on a throw-away registration, so the answer is not instant.
          u2f.register(
              Bytes.of(new byte[32]),
              rpIdHash("keydesk.invalid"),
              ceremony.timeout(),
              ceremony.token(),
              ceremony.keepalive());
          throw new WebAuthnClientException(
              INVALID_STATE,
              "This security key is already registered with this account. Use another key.");
        }
      }
      RegisterResponse response =
          u2f.register(
              in.clientDataHash(),
              application,
              ceremony.timeout(),
              ceremony.token(),
              ceremony.keepalive());
      return registration(in, application, response);
    } catch (U2fException e) {
      throw u2fError(e);
    }
  }

  AuthenticationResponseJSON authenticate(WebAuthnClient.GetInputs in)
      throws WebAuthnClientException, TransportException {
    if (in.options().effectiveUserVerification().equals(AuthenticatorSelectionCriteria.REQUIRED)) {
      throw new WebAuthnClientException(
          NOT_ALLOWED,
          "The site requires a PIN or fingerprint, which this U2F-only key does not have. Use a"
              + " FIDO2 key with a PIN.");
    }
    if (in.options().allowCredentials().isEmpty()) {
      throw new WebAuthnClientException(
          NOT_ALLOWED,
          "The site asks for a passkey stored on the key, but this U2F-only key cannot store"
              + " any. Sign in with your user name first, or use a FIDO2 key.");
    }
    Bytes application = rpIdHash(in.rpId());
    try {
      for (PublicKeyCredentialDescriptorJSON allowed : in.options().allowCredentials()) {
        if (allowed.id().length() <= RegisterResponse.MAX_KEY_HANDLE_LENGTH
            && u2f.isKnownKeyHandle(application, allowed.id())) {
          AuthenticateResponse response =
              u2f.authenticate(
                  in.clientDataHash(),
                  application,
                  allowed.id(),
                  ceremony.timeout(),
                  ceremony.token(),
                  ceremony.keepalive());
          Bytes authData = Bytes.concat(application, response.presenceAndCounter());
          return Responses.authentication(
              allowed.id(),
              authData,
              response.signature(),
              Optional.empty(),
              in.clientDataJson(),
              WebAuthnJson.mapper().createObjectNode());
        }
      }
      // Nothing matched: still wait for a touch, so the RP gets a uniform failure.
      u2f.register(
          Bytes.of(new byte[32]),
          rpIdHash("keydesk.invalid"),
          ceremony.timeout(),
          ceremony.token(),
          ceremony.keepalive());
      throw WebAuthnClient.map(
          new io.keydesk.ctap2.CtapException(io.keydesk.ctap2.CtapStatus.NO_CREDENTIALS));
    } catch (U2fException e) {
      throw u2fError(e);
    }
  }

  /** The registration as WebAuthn sees it: authData with AAGUID zero and a fido-u2f statement. */
  static RegistrationResponseJSON registration(
      WebAuthnClient.CreateInputs in, Bytes application, RegisterResponse response)
      throws WebAuthnClientException {
    CoseKey key;
    try {
      key = CoseKey.of(U2fPublicKeys.fromRawPoint(response.userPublicKey()), CoseAlgorithm.ES256);
    } catch (IllegalArgumentException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.ENCODING_ERROR,
          "The key's U2F public key is not valid (" + e.getMessage() + "). Use another key.");
    }
    AttestedCredentialData credential =
        new AttestedCredentialData(
            Bytes.of(new byte[AttestedCredentialData.AAGUID_LENGTH]),
            response.keyHandle(),
            key.toCbor());
    AuthenticatorData authData =
        new AuthenticatorData(
            application,
            AuthenticatorData.FLAG_UP | AuthenticatorData.FLAG_AT,
            0,
            Optional.of(credential),
            Optional.empty());
    CborMap attStmt =
        CborMap.builder()
            .put("sig", response.signature())
            .put("x5c", List.of(response.attestationCertificate()))
            .build();
    AttestationObject attestation =
        AttestationConveyance.apply(
            in.attestation(), new AttestationObject(FORMAT, attStmt, authData.toBytes()));
    return Responses.registration(
        attestation,
        authData,
        in.clientDataJson(),
        WebAuthnClient.DEFAULT_TRANSPORTS,
        in.extensions().results(false, Optional.empty()));
  }

  static Bytes rpIdHash(String rpId) {
    return CollectedClientData.clientDataHash(Bytes.of(rpId.getBytes(StandardCharsets.UTF_8)));
  }

  private WebAuthnClientException u2fError(U2fException e) {
    if (e.statusWord() == U2fStatus.CONDITIONS_NOT_SATISFIED && ceremony.isStopped()) {
      return ceremony.stopped();
    }
    if (e.statusWord() == U2fStatus.CONDITIONS_NOT_SATISFIED) {
      return new WebAuthnClientException(
          NOT_ALLOWED, "The key was not touched in time. Try again and touch the key.", e);
    }
    return new WebAuthnClientException(NOT_ALLOWED, e.getMessage(), e);
  }
}
