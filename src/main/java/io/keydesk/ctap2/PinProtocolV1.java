package io.keydesk.ctap2;

import javax.crypto.Cipher;

/**
 * PIN/UV auth protocol one (CTAP 2.1 section 6.5.6): shared secret SHA-256(Z), AES-256-CBC with an
 * all-zero IV, and the first 16 bytes of HMAC-SHA-256 as the MAC. Stateless.
 */
public final class PinProtocolV1 implements PinProtocol {
  public static final int VERSION = 1;

  /** Length of the shared secret and of the MAC. */
  public static final int SHARED_SECRET_LENGTH = 32;

  public static final int MAC_LENGTH = 16;
  private static final byte[] ZERO_IV = new byte[PinCrypto.BLOCK];

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] kdf(byte[] z) {
    return PinCrypto.sha256(z);
  }

  @Override
  public byte[] encrypt(byte[] sharedSecret, byte[] plaintext) {
    PinCrypto.requireKeyLength(sharedSecret, SHARED_SECRET_LENGTH);
    PinCrypto.requireBlocks(plaintext);
    return PinCrypto.aesCbc(
        Cipher.ENCRYPT_MODE, sharedSecret, 0, ZERO_IV, plaintext, 0, plaintext.length);
  }

  @Override
  public byte[] decrypt(byte[] sharedSecret, byte[] ciphertext) throws CtapException {
    PinCrypto.requireKeyLength(sharedSecret, SHARED_SECRET_LENGTH);
    if (ciphertext.length == 0 || ciphertext.length % PinCrypto.BLOCK != 0) {
      throw PinCrypto.badCiphertext(ciphertext.length);
    }
    return PinCrypto.aesCbc(
        Cipher.DECRYPT_MODE, sharedSecret, 0, ZERO_IV, ciphertext, 0, ciphertext.length);
  }

  /** LEFT(HMAC-SHA-256(key, message), 16), with the whole key (shared secret or token). */
  @Override
  public byte[] authenticate(byte[] key, byte[] message) {
    return PinCrypto.truncate(PinCrypto.hmacSha256(key, key.length, message), MAC_LENGTH);
  }

  /** CTAP 2.0 keys return 16- or 32-byte tokens under protocol one. */
  @Override
  public boolean isValidTokenLength(int length) {
    return length == 16 || length == 32;
  }

  @Override
  public String toString() {
    return "PIN/UV auth protocol 1";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PinProtocolV1;
  }

  @Override
  public int hashCode() {
    return VERSION;
  }
}
