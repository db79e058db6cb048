package io.keydesk.authenticator.ctap;

/**
 * Which attestation makeCredential returns (WebAuthn section 8): packed with the batch certificate,
 * packed self attestation (signed by the credential's own key), or none. A request's
 * attestationFormatsPreference (CTAP 2.2 section 6.1) can still ask for "none".
 */
public enum AttestationMode {
  PACKED_BATCH,
  PACKED_SELF,
  NONE
}
