package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A login session, found by the SHA-256 of its bearer token (the token itself is never stored). */
public record Session(
    Bytes tokenHash, long userId, Instant createdAt, Instant expiresAt, Optional<Instant> sudoUntil) {
  public Session {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(sudoUntil, "sudoUntil");
  }

  /** Whether sudo mode is open at {@code now}. */
  public boolean inSudo(Instant now) {
    return sudoUntil.map(now::isBefore).orElse(false);
  }
}
