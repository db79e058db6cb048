package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import java.util.List;
import java.util.Objects;

/**
 * Produces the attestation statement of makeCredential (CTAP 2.1 section 6.1.2 step 19, WebAuthn
 * section 8.2 "packed" and 8.7 "none"). The signature covers {@code authData || clientDataHash}.
 */
public final class AttestationSigner {
  public static final String PACKED = "packed";
  public static final String NONE = "none";

  /** packed attStmt keys (WebAuthn section 8.2). */
  static final String ALG = "alg";

  static final String SIG = "sig";
  static final String X5C = "x5c";

  private final AttestationMode mode;
  private final BatchAttestation batch;

  public AttestationSigner(AttestationMode mode, BatchAttestation batch) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.batch = Objects.requireNonNull(batch, "batch");
  }

  /** The formats getInfo lists (CTAP 2.2 attestationFormats), the configured one first. */
  public List<String> formats() {
    return mode == AttestationMode.NONE ? List.of(NONE, PACKED) : List.of(PACKED, NONE);
  }

  /** A statement with its format. */
  public record Statement(String format, CborMap attStmt) {}

  /**
   * Attests a new credential. The first format of {@code preference} that this authenticator
   * supports wins (CTAP 2.2 section 6.1.2 step 19); otherwise the configured mode applies.
   */
  public Statement attest(
      Bytes authData, Bytes clientDataHash, CredentialKey credentialKey, List<String> preference) {
    AttestationMode chosen = mode;
    for (String format : preference) {
      if (format.equals(NONE)) {
        chosen = AttestationMode.NONE;
        break;
      }
      if (format.equals(PACKED)) {
        chosen = mode == AttestationMode.NONE ? AttestationMode.PACKED_BATCH : mode;
        break;
      }
    }
    byte[] signed = Bytes.concat(authData, clientDataHash).toArray();
    return switch (chosen) {
      case NONE -> new Statement(NONE, CborMap.empty());
      case PACKED_SELF ->
          new Statement(
              PACKED,
              CborMap.builder()
                  .put(ALG, credentialKey.algorithm())
                  .put(SIG, credentialKey.sign(signed))
                  .build());
      case PACKED_BATCH ->
          new Statement(
              PACKED,
              CborMap.builder()
                  .put(ALG, batch.key().algorithm())
                  .put(SIG, batch.key().sign(signed))
                  .put(X5C, List.of(batch.certificate()))
                  .build());
    };
  }
}
