package io.keydesk.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A relying-party account KeyDesk manages keys for. Holds no secret: the session token stays in
 * memory; the pinned fingerprint is the SHA-256 of the RP's certificate, which is public.
 *
 * @param pinnedFingerprint lowercase hex SHA-256 of the RP's TLS certificate, when pinned
 * @param lastSync when the key list was last fetched from the RP
 */
public record Account(
    long id,
    String rpUrl,
    String username,
    Optional<String> pinnedFingerprint,
    Optional<Instant> lastSync,
    Instant createdAt) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public Account {
    SqlValues.requireText(rpUrl, "rpUrl");
    SqlValues.requireText(username, "username");
    pinnedFingerprint = pinnedFingerprint.map(Account::requireFingerprint);
    lastSync = SqlValues.millis(lastSync);
    createdAt = SqlValues.millis(createdAt);
  }

  /** Lowercases and checks a SHA-256 hex fingerprint (colons allowed, as browsers show them). */
  public static String requireFingerprint(String fingerprint) {
    String hex = fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
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
