package io.keydesk.rp;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in session at the RP: the bearer token (docs/rp-api.md "Authentication and sessions").
 * Kept in memory only, never stored or logged; {@link #toString()} hides it.
 */
public record RpSession(String token, Instant expiresAt) {
  public RpSession {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "RpSession[token=(hidden), expiresAt=" + expiresAt + "]";
  }
}
