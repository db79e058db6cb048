package io.keydesk.ctap2;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JCA primitives the PIN/UV auth protocols share: AES-256-CBC without padding, HMAC-SHA-256.
 */
final class PinCrypto {
  static final int AES_KEY_LENGTH = 32;
  static final int BLOCK = 16;

  private PinCrypto() {}

  static byte[] aesCbc(
      int mode, byte[] key, int keyOffset, byte[] iv, byte[] data, int offset, int length) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(
          mode, new SecretKeySpec(key, keyOffset, AES_KEY_LENGTH, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(data, offset, length);
    } catch (GeneralSecurityException e) {
      // Lengths are checked by the callers, so this is a broken runtime, not bad input.
      throw new IllegalStateException("AES-256-CBC failed: " + e.getMessage(), e);
    }
  }

  static byte[] hmacSha256(byte[] key, int keyLength, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 failed: " + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static void requireBlocks(byte[] plaintext) {
    if (plaintext.length == 0 || plaintext.length % BLOCK != 0) {
      throw new IllegalArgumentException(
          "PIN protocol plaintext must be a positive multiple of 16 bytes, not "
              + plaintext.length);
    }
  }

  static void requireKeyLength(byte[] key, int expected) {
    if (key.length != expected) {
      throw new IllegalArgumentException(
          "PIN protocol key must be " + expected + " bytes, not " + key.length);
    }
  }

  static byte[] truncate(byte[] full, int length) {
    byte[] out = Arrays.copyOf(full, length);
    Arrays.fill(full, (byte) 0);
    return out;
  }

  static CtapException badCiphertext(int length) {
    return new CtapException(
        CtapStatus.INVALID_PARAMETER,
        "PIN protocol data could not be decrypted ("
            + length
            + " bytes is not a valid length);"
            + " re-insert the key and try again.");
  }
}
