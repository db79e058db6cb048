package io.keydesk.server.account;

import java.time.Instant;
import java.util.Objects;

/** A new bearer token (shown once; only its hash is stored) and its expiry. */
public record IssuedSession(String token, Instant expiresAt) {
  public IssuedSession {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
