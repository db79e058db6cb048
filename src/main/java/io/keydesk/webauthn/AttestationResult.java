package io.keydesk.webauthn;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking an attestation statement (WebAuthn L3 §6.5.3 attestation types, §8).
 * {@code verified} is true only when the statement's signature and rules checked out; a valid
 * "basic" statement still says nothing about whether its certificate chains to a trusted root.
 */
public record AttestationResult(
    String format, Type type, boolean verified, List<X509Certificate> trustPath, String message) {

  /** §6.5.3 attestation types, plus UNVERIFIED for anything that did not check out. */
  public enum Type {
    /** Signed by the credential key itself: proves nothing about the make and model. */
    SELF,
    /** Signed by an attestation key whose certificate is in the trust path. */
    BASIC,
    /** No attestation statement at all. */
    NONE,
    /** Not verified: unsupported format, malformed statement or bad signature. */
    UNVERIFIED
  }

  public AttestationResult {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(type, "type");
    trustPath = List.copyOf(trustPath);
    Objects.requireNonNull(message, "message");
    if (verified == (type == Type.UNVERIFIED)) {
      throw new IllegalArgumentException("verified must be false exactly for UNVERIFIED");
    }
  }

  static AttestationResult unverified(String format, String reason) {
    return new AttestationResult(
        format, Type.UNVERIFIED, false, List.of(), "not verified: " + reason);
  }
}
