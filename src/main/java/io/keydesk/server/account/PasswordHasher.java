package io.keydesk.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) password hashes in PHC string format, with OWASP's minimum parameters (19 MiB,
 * 2 passes, 1 lane). Verification reads the parameters from the stored string, so they can grow.
 */
public final class PasswordHasher {
  private static final int SALT_LENGTH = 16;
  private static final int HASH_LENGTH = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;

  public PasswordHasher() {
    this(19 * 1024, 2, 1);
  }

  public PasswordHasher(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  public String hash(String password) {
    byte[] salt = Secrets.randomBytes(SALT_LENGTH).toArray();
    byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_LENGTH);
    return String.format(
        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
        memoryKib, iterations, parallelism, B64.encodeToString(salt), B64.encodeToString(hash));
  }

  /** Whether {@code password} matches {@code encoded}; false for a malformed encoding. */
  public boolean verify(String password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String param : parts[3].split(",")) {
        String[] kv = param.split("=");
        int value = Integer.parseInt(kv[1]);
        switch (kv[0]) {
          case "m" -> m = value;
          case "t" -> t = value;
          case "p" -> p = value;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return false;
    }
  }

  private static byte[] derive(
      String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
