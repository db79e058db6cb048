package io.keydesk.server.totp;

import io.keydesk.cbor.Bytes;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** TOTP (RFC 6238) with HMAC-SHA-1, six digits and 30-second steps, over HOTP (RFC 4226 §5.3). */
public final class Totp {
  public static final long STEP_SECONDS = 30;
  public static final int DIGITS = 6;

  private Totp() {}

  /** The time step T = floor(unix time / 30) (RFC 6238 §4.2). */
  public static long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
  }

  /** The six-digit code for {@code step}, zero-padded. */
  public static String code(Bytes secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.toArray(), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
    }
  }
}
