package io.keydesk.ctap2;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A decrypted pinUvAuthToken (CTAP 2.1 section 6.5.2) with the protocol it was obtained under, its
 * permissions and the RP ID it is bound to. {@link #authenticate} computes pinUvAuthParam for a
 * command. Kept in memory only; {@link #close()} zeroes it, after which it cannot be used.
 *
 * @param token the token bytes; the record keeps its own copy, so the caller zeroes the argument
 */
public record PinUvAuthToken(
    PinProtocol protocol, byte[] token, Set<Permission> permissions, Optional<String> rpId)
    implements AutoCloseable {

  public PinUvAuthToken {
    if (protocol == null || token == null || permissions == null || rpId == null) {
      throw new IllegalArgumentException("protocol, token, permissions and rpId are required");
    }
    if (!protocol.isValidTokenLength(token.length)) {
      throw new IllegalArgumentException(
          "a pinUvAuthToken of " + token.length + " bytes is not valid under " + protocol);
    }
    if (permissions.isEmpty()) {
      throw new IllegalArgumentException("a pinUvAuthToken carries at least one permission");
    }
    token = token.clone();
    permissions = Set.copyOf(EnumSet.copyOf(permissions));
  }

  /** A copy of the token bytes; the caller zeroes it. */
  @Override
  public byte[] token() {
    return token.clone();
  }

  /** pinUvAuthParam = authenticate(pinUvAuthToken, message) under the token's protocol. */
  public byte[] authenticate(byte[] message) {
    if (isClosed()) {
      throw new IllegalStateException("this PIN token was discarded; unlock the key again");
    }
    return protocol.authenticate(token, message);
  }

  public boolean has(Permission permission) {
    return permissions.contains(permission);
  }

  /** Zeroes the token. */
  @Override
  public void close() {
    Arrays.fill(token, (byte) 0);
  }

  /** Whether {@link #close()} was called (an all-zero token is never issued in practice). */
  public boolean isClosed() {
    for (byte b : token) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "PinUvAuthToken[protocol="
        + protocol.version()
        + ", permissions="
        + permissions
        + ", rpId="
        + rpId.orElse("-")
        + ", token=<redacted>]";
  }
}
