package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * authenticatorMakeCredential (CTAP 2.1 section 6.1.2), step by step. The authenticator has no
 * built-in user verification; a PIN is its only UV, and makeCredUvNotRqd is true, so only
 * discoverable credentials need the PIN once one is set.
 */
final class MakeCredentialOperation {
  private static final Logger LOG = LoggerFactory.getLogger(MakeCredentialOperation.class);

  /** mc permission bit (section 6.5.5.7). */
  static final int PERMISSION_MC = 0x01;

  static final String HMAC_SECRET = "hmac-secret";

  private final DeviceContext device;

  MakeCredentialOperation(DeviceContext device) {
    this.device = device;
  }

  MakeCredentialResponse run(MakeCredentialRequest request, UserPresenceCheck presence)
      throws CtapException {
    Ctap2State state = device.state;
    // Steps 1 and 2: the zero-length probe and the protocol.
    PinUvAuthCheck.precheck(
        request.pinUvAuthParam(), request.pinUvAuthProtocol(), state.pin(), presence);
    // Step 3: the first supported algorithm in the RP's order of preference.
    long algorithm = chooseAlgorithm(request);
    // Step 5: options. A pinUvAuthParam takes precedence over "uv".
    boolean hasParam = request.pinUvAuthParam().isPresent();
    boolean uvOption = !hasParam && request.options().uv().orElse(false);
    if (uvOption) {
      throw new CtapException(
          CtapStatus.INVALID_OPTION,
          "This authenticator has no built-in user verification; use its PIN instead.");
    }
    boolean rk = request.options().rk().orElse(false);
    if (!request.options().up().orElse(true)) {
      throw new CtapException(
          CtapStatus.INVALID_OPTION, "makeCredential always needs user presence (up=false).");
    }
    // Step 7: makeCredUvNotRqd is true, so only discoverable credentials need the PIN.
    if (state.pin().isSet() && !hasParam && rk) {
      throw new CtapException(
          CtapStatus.PUAT_REQUIRED,
          "The authenticator has a PIN: creating a passkey needs it. Enter the PIN and try again.");
    }
    // Step 8: no enterprise attestation.
    if (request.enterpriseAttestation().isPresent()) {
      throw new CtapException(
          CtapStatus.INVALID_PARAMETER, "This authenticator has no enterprise attestation.");
    }
    String rpId = request.rp().id();
    Bytes rpIdHash = DeviceContext.rpIdHash(rpId);
    // Step 11: the pinUvAuthParam.
    boolean userVerified =
        PinUvAuthCheck.verify(
            device.tokens,
            request.pinUvAuthParam(),
            request.pinUvAuthProtocol(),
            request.clientDataHash(),
            PERMISSION_MC,
            rpId,
            device.now());
    // Step 12: the excludeList.
    checkExcludeList(request, rpIdHash, userVerified, presence);
    // Step 13: extensions.
    Optional<CredProtect> credProtect = credProtectInput(request.extensions());
    boolean hmacSecret = hmacSecretInput(request.extensions());
    // Step 14: user presence, then the token's flags are consumed.
    presence.require();
    if (hasParam) {
      device.tokens.consumed();
    }
    // Steps 15-17: the credential.
    CredentialKey key = CredentialKey.generate(algorithm);
    CredentialMaterial material =
        new CredentialMaterial(key, credProtect.orElse(CredProtect.UV_OPTIONAL), rk, hmacSecret);
    Bytes credentialId = device.wrapper().wrap(material, rpIdHash);
    if (rk) {
      state
          .store()
          .add(
              new DiscoverableCredential(
                  credentialId, rpId, request.user(), state.nextSequence(), material));
    }
    CborMap.Builder outputs = CborMap.builder();
    credProtect.ifPresent(level -> outputs.put(CredProtect.EXTENSION, (long) level.level()));
    if (hmacSecret) {
      outputs.put(HMAC_SECRET, true);
    }
    Bytes authData =
        new AuthenticatorDataBuilder(rpIdHash)
            .userPresent(true)
            .userVerified(userVerified)
            .signCount(state.signCount())
            .attestedCredential(device.config.aaguid(), credentialId, key.publicCoseKey())
            .extensions(outputs.build())
            .build();
    // Step 19: attestation.
    AttestationSigner.Statement statement =
        device.attestation.attest(
            authData, request.clientDataHash(), key, request.attestationFormatsPreference());
    LOG.debug(
        "makeCredential: {} credential for {} (alg {}, {})",
        rk ? "discoverable" : "non-discoverable",
        rpId,
        algorithm,
        statement.format());
    return MakeCredentialResponse.of(statement.format(), authData, statement.attStmt());
  }

  private static long chooseAlgorithm(MakeCredentialRequest request) throws CtapException {
    for (CredentialParameters params : request.pubKeyCredParams()) {
      if (params.type().equals(PublicKeyCredentialDescriptor.PUBLIC_KEY)
          && CredentialKey.isSupported(params.alg())) {
        return params.alg();
      }
    }
    throw new CtapException(
        CtapStatus.UNSUPPORTED_ALGORITHM,
        "The site accepts none of this authenticator's algorithms (ES256 -7, EdDSA -8).");
  }

  private void checkExcludeList(
      MakeCredentialRequest request,
      Bytes rpIdHash,
      boolean userVerified,
      UserPresenceCheck presence)
      throws CtapException {
    for (PublicKeyCredentialDescriptor descriptor :
        CredentialLists.usable("excludeList", request.excludeList())) {
      Optional<CredentialMaterial> material = device.wrapper().unwrap(descriptor.id(), rpIdHash);
      if (material.isEmpty() || !isLive(descriptor.id(), material.get())) {
        continue;
      }
      // A credential that needs UV stays hidden from a request without it (section 12.1).
      if (material.get().credProtect() == CredProtect.UV_REQUIRED && !userVerified) {
        continue;
      }
      presence.require();
      throw new CtapException(CtapStatus.CREDENTIAL_EXCLUDED);
    }
  }

  /** A discoverable credential's ID counts only while the store still holds it. */
  boolean isLive(Bytes id, CredentialMaterial material) {
    return !material.discoverable() || device.state.store().byId(id).isPresent();
  }

  private static Optional<CredProtect> credProtectInput(Optional<CborMap> extensions) {
    Optional<Object> value = extensions.flatMap(map -> map.get(CredProtect.EXTENSION));
    return value.filter(Long.class::isInstance).flatMap(v -> CredProtect.of((Long) v));
  }

  private static boolean hmacSecretInput(Optional<CborMap> extensions) {
    return extensions.flatMap(map -> map.get(HMAC_SECRET)).map(Boolean.TRUE::equals).orElse(false);
  }
}
