package io.keydesk.ctap2;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * PIN/UV auth protocol two (CTAP 2.1 section 6.5.7): the 64-byte shared secret is an HMAC key
 * (HKDF-SHA-256 of Z, info "CTAP2 HMAC key") followed by an AES key (info "CTAP2 AES key"), both
 * with 32 zero bytes as salt; encryption is AES-256-CBC with a random IV prepended, and the MAC is
 * the full 32-byte HMAC-SHA-256.
 */
public final class PinProtocolV2 implements PinProtocol {
  public static final int VERSION = 2;
  public static final int SHARED_SECRET_LENGTH = 64;
  public static final int MAC_LENGTH = 32;
  public static final int TOKEN_LENGTH = 32;
  static final byte[] HMAC_KEY_INFO = "CTAP2 HMAC key".getBytes(StandardCharsets.US_ASCII);
  static final byte[] AES_KEY_INFO = "CTAP2 AES key".getBytes(StandardCharsets.US_ASCII);
  private static final int HALF = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<byte[]> ivSource;

  public PinProtocolV2() {
    this(
        () -> {
          byte[] iv = new byte[PinCrypto.BLOCK];
          RANDOM.nextBytes(iv);
          return iv;
        });
  }

  /** With a chosen IV source, for known-answer tests only. */
  PinProtocolV2(Supplier<byte[]> ivSource) {
    this.ivSource = ivSource;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] kdf(byte[] z) {
    byte[] secret = new byte[SHARED_SECRET_LENGTH];
    hkdf(z, HMAC_KEY_INFO, secret, 0);
    hkdf(z, AES_KEY_INFO, secret, HALF);
    return secret;
  }

  private static void hkdf(byte[] z, byte[] info, byte[] out, int offset) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(z, new byte[HALF], info));
    generator.generateBytes(out, offset, HALF);
  }

  /** AES-256-CBC under the AES half of the secret; returns IV || ciphertext. */
  @Override
  public byte[] encrypt(byte[] sharedSecret, byte[] plaintext) {
    return encrypt(sharedSecret, ivSource.get(), plaintext);
  }

  byte[] encrypt(byte[] sharedSecret, byte[] iv, byte[] plaintext) {
    PinCrypto.requireKeyLength(sharedSecret, SHARED_SECRET_LENGTH);
    PinCrypto.requireBlocks(plaintext);
    if (iv.length != PinCrypto.BLOCK) {
      throw new IllegalArgumentException("the IV must be 16 bytes");
    }
    byte[] ciphertext =
        PinCrypto.aesCbc(
            Cipher.ENCRYPT_MODE, sharedSecret, HALF, iv, plaintext, 0, plaintext.length);
    byte[] out = Arrays.copyOf(iv, PinCrypto.BLOCK + ciphertext.length);
    System.arraycopy(ciphertext, 0, out, PinCrypto.BLOCK, ciphertext.length);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] sharedSecret, byte[] ivAndCiphertext) throws CtapException {
    PinCrypto.requireKeyLength(sharedSecret, SHARED_SECRET_LENGTH);
    int length = ivAndCiphertext.length - PinCrypto.BLOCK;
    if (length <= 0 || length % PinCrypto.BLOCK != 0) {
      throw PinCrypto.badCiphertext(ivAndCiphertext.length);
    }
    byte[] iv = Arrays.copyOf(ivAndCiphertext, PinCrypto.BLOCK);
    return PinCrypto.aesCbc(
        Cipher.DECRYPT_MODE, sharedSecret, HALF, iv, ivAndCiphertext, PinCrypto.BLOCK, length);
  }

  /**
   * HMAC-SHA-256 under the first 32 bytes of {@code key}: the HMAC half of a shared secret, or a
   * whole 32-byte pinUvAuthToken.
   */
  @Override
  public byte[] authenticate(byte[] key, byte[] message) {
    if (key.length < HALF) {
      throw new IllegalArgumentException("protocol 2 keys are at least 32 bytes");
    }
    return PinCrypto.hmacSha256(key, HALF, message);
  }

  @Override
  public boolean isValidTokenLength(int length) {
    return length == TOKEN_LENGTH;
  }

  @Override
  public String toString() {
    return "PIN/UV auth protocol 2";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PinProtocolV2;
  }

  @Override
  public int hashCode() {
    return VERSION;
  }
}
