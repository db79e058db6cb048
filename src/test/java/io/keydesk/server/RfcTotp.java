package io.keydesk.server;

import java.math.BigInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tests' own TOTP, written from RFC 6238 Appendix A (generateTOTP) independently of the
 * server's, and checked against the RFC's test vectors in {@code RfcTotpTest}.
 */
public final class RfcTotp {
  private RfcTotp() {}

  public static String generate(byte[] key, long unixSeconds, int digits) {
    String time = Long.toHexString(unixSeconds / 30).toUpperCase();
    while (time.length() < 16) {
      time = "0" + time;
    }
    byte[] msg = new BigInteger("10" + time, 16).toByteArray();
    byte[] message = new byte[msg.length - 1];
    System.arraycopy(msg, 1, message, 0, message.length);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "RAW"));
      byte[] hash = mac.doFinal(message);
      int offset = hash[hash.length - 1] & 0xf;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      String result = Integer.toString(binary % (int) Math.pow(10, digits));
      while (result.length() < digits) {
        result = "0" + result;
      }
      return result;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
