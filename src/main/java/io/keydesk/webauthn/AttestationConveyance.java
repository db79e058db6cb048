package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.Info;
import java.util.List;
import java.util.Optional;

/**
 * What the client does with the authenticator's attestation for the RP's attestation conveyance
 * preference (WebAuthn L3 §5.4.7; §5.1.3 "constructCredentialAlg" step 1):
 *
 * <ul>
 *   <li>{@code "none"}, absent, or a value the client does not know (§5.4.7: unknown values are
 *       ignored, and the default is "none"): a self attestation (AAGUID of 16 zero bytes, fmt
 *       "packed", no "x5c") is kept as it is; any other statement becomes {@code fmt: "none"} with
 *       an empty attStmt. The authenticator data, and so the AAGUID, stay unchanged: WebAuthn L3
 *       dropped Level 2's "replace the AAGUID with 16 zero bytes" (L3 change log: "aaguid in
 *       attested credential data is no longer zeroed when attestation preference is none").
 *   <li>{@code "indirect"}: the client MAY anonymise (for example through an Anonymization CA).
 *       KeyDesk has no such CA, so it conveys the statement unaltered, as for "direct".
 *   <li>{@code "direct"} and {@code "enterprise"}: the AAGUID and statement go to the RP unaltered.
 * </ul>
 */
final class AttestationConveyance {
  static final String NONE = "none";
  static final String INDIRECT = "indirect";
  static final String DIRECT = "direct";
  static final String ENTERPRISE = "enterprise";

  static final String PACKED = "packed";
  static final String X5C = "x5c";

  private static final Bytes ZERO_AAGUID = Bytes.of(new byte[16]);

  private AttestationConveyance() {}

  /** The effective preference: "none" unless the RP asked for a value the client knows. */
  static String effective(Optional<String> attestation) {
    return attestation
        .filter(value -> List.of(NONE, INDIRECT, DIRECT, ENTERPRISE).contains(value))
        .orElse(NONE);
  }

  /** The attestation object as the RP receives it (§5.1.3 constructCredentialAlg step 1). */
  static AttestationObject apply(String preference, AttestationObject fromAuthenticator)
      throws WebAuthnClientException {
    if (!preference.equals(NONE) || isSelfAttestation(fromAuthenticator)) {
      return fromAuthenticator;
    }
    return new AttestationObject(NONE, CborMap.empty(), fromAuthenticator.authDataBytes());
  }

  /** §5.1.3: zero AAGUID, fmt "packed" and no "x5c" mean self attestation. */
  static boolean isSelfAttestation(AttestationObject object) throws WebAuthnClientException {
    Optional<Bytes> aaguid =
        object.authData().attestedCredentialData().map(AttestedCredentialData::aaguid);
    return aaguid.isPresent()
        && aaguid.get().equals(ZERO_AAGUID)
        && object.fmt().equals(PACKED)
        && !object.attStmt().has(X5C);
  }

  /**
   * The attestationFormatsPreference for authenticatorMakeCredential (CTAP 2.2 section 6.1, WebAuthn
   * L3 §5.1.3: with "none" the list is ["none"], else the RP's attestationFormats). Sent only to
   * keys that know the parameter: those listing FIDO_2_2 or reporting attestationFormats (0x16, a
   * CTAP 2.2 member) in getInfo; older keys may reject an unknown parameter.
   */
  static List<String> formatsPreference(String preference, List<String> rpFormats, Info info) {
    boolean understood =
        info.supportsVersion(Info.FIDO_2_2) || !info.attestationFormats().isEmpty();
    if (!understood) {
      return List.of();
    }
    return preference.equals(NONE) ? List.of(NONE) : rpFormats;
  }
}
