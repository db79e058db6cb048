package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored user. {@code userHandle} is the random 64-byte WebAuthn user handle (WebAuthn L3 §14.6.1:
 * never the user id, never personal data); conformance users have no password.
 */
public record User(
    long id,
    UserKind kind,
    String email,
    Optional<String> passwordHash,
    Bytes userHandle,
    Instant createdAt) {
  public static final int USER_HANDLE_LENGTH = 64;

  public User {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
    if (userHandle.length() != USER_HANDLE_LENGTH) {
      throw new IllegalArgumentException("user handle must be 64 bytes");
    }
  }
}
