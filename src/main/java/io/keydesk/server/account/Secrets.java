package io.keydesk.server.account;

import io.keydesk.cbor.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Random values and hashes for tokens and codes. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  public static Bytes randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return Bytes.of(bytes);
  }

  /** A uniformly random int in [0, bound). */
  public static int randomBelow(int bound) {
    return RANDOM.nextInt(bound);
  }

  public static Bytes sha256(Bytes value) {
    try {
      return Bytes.of(MessageDigest.getInstance("SHA-256").digest(value.toArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static Bytes sha256(String value) {
    return sha256(Bytes.of(value.getBytes(StandardCharsets.UTF_8)));
  }
}
