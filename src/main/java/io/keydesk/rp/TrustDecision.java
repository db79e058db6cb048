package io.keydesk.rp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How KeyDesk decides to trust a relying party's TLS certificate: the system trust store, or
 * exactly one leaf certificate whose SHA-256 fingerprint the user confirmed (a self-hosted RP with
 * a self-signed certificate). There is no third way: nothing is trusted silently.
 *
 * @param pinnedFingerprint lowercase hex SHA-256 of the leaf certificate's DER, when pinned
 */
public record TrustDecision(Optional<String> pinnedFingerprint) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public TrustDecision {
    pinnedFingerprint = pinnedFingerprint.map(TrustDecision::normalize);
  }

  /** Trust what the operating system's (the JDK's) trust store trusts, with hostname checks. */
  public static TrustDecision systemTrust() {
    return new TrustDecision(Optional.empty());
  }

  /** Trust only the certificate with this SHA-256 fingerprint (hex, colons allowed). */
  public static TrustDecision pinned(String fingerprint) {
    return new TrustDecision(Optional.of(fingerprint));
  }

  /**
   * Lowercases a SHA-256 fingerprint and drops colons and spaces.
   *
   * @throws IllegalArgumentException if it is not 64 hex digits
   */
  public static String normalize(String fingerprint) {
    String hex = fingerprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "A certificate fingerprint is the SHA-256 of the certificate: 64 hexadecimal digits,"
              + " optionally separated by colons; got '"
              + fingerprint
              + "'.");
    }
    return hex;
  }
}
