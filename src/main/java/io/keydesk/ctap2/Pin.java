package io.keydesk.ctap2;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Optional;

/**
 * PIN encoding shared by platform and authenticator (CTAP 2.1 section 6.5.1 and 6.5.5.5-6.5.5.7):
 * the PIN is the UTF-8 encoding of its NFC normalisation, at least 4 code points and at most 63
 * bytes, padded with zeros to 64 bytes for setPIN/changePIN, and hashed as LEFT(SHA-256(pin), 16).
 *
 * <p>Every byte[] these methods return holds PIN material: the caller zeroes it. No message here
 * contains the PIN.
 */
public final class Pin {
  /** The specification's minimum, in Unicode code points. */
  public static final int MIN_CODE_POINTS = 4;

  /** The specification's maximum, in UTF-8 bytes. */
  public static final int MAX_UTF8_BYTES = 63;

  /** Length of paddedNewPin. */
  public static final int PADDED_LENGTH = 64;

  /** Length of the pinHash, LEFT(SHA-256(pin), 16). */
  public static final int HASH_LENGTH = 16;

  private Pin() {}

  /**
   * The UTF-8 bytes of the NFC form of {@code pin}, without length checks. The char[] is not
   * modified.
   *
   * <p>Java's Normalizer has no char[] API: a PIN that is not already in NFC (rare; ASCII digits
   * always are) passes through one String that cannot be zeroed.
   *
   * @throws PinException PIN_POLICY_VIOLATION when the PIN holds a lone surrogate or a NUL
   */
  public static byte[] toUtf8(char[] pin) throws PinException {
    CharBuffer chars = CharBuffer.wrap(pin);
    CharSequence normalised =
        Normalizer.isNormalized(chars, Normalizer.Form.NFC)
            ? chars
            : Normalizer.normalize(chars, Normalizer.Form.NFC);
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer encoded;
    try {
      encoded = encoder.encode(CharBuffer.wrap(normalised));
    } catch (CharacterCodingException e) {
      throw PinException.unencodable();
    }
    byte[] utf8 = new byte[encoded.remaining()];
    encoded.get(utf8);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    for (byte b : utf8) {
      if (b == 0) {
        // A NUL would be cut off as padding by the authenticator.
        Arrays.fill(utf8, (byte) 0);
        throw PinException.unencodable();
      }
    }
    return utf8;
  }

  /** The number of code points in well-formed UTF-8 (bytes that are not continuation bytes). */
  public static int codePointCount(byte[] utf8) {
    int count = 0;
    for (byte b : utf8) {
      if ((b & 0xC0) != 0x80) {
        count++;
      }
    }
    return count;
  }

  /** paddedNewPin: the PIN followed by zeros up to 64 bytes. */
  public static byte[] pad(byte[] utf8) {
    if (utf8.length > MAX_UTF8_BYTES) {
      throw new IllegalArgumentException("a PIN is at most 63 bytes");
    }
    return Arrays.copyOf(utf8, PADDED_LENGTH);
  }

  /**
   * Authenticator side: the PIN inside a decrypted paddedNewPin (everything before the first zero
   * byte), or empty when the padding is malformed (not 64 bytes, or no zero byte at all).
   */
  public static Optional<byte[]> unpad(byte[] padded) {
    if (padded.length != PADDED_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < padded.length; i++) {
      if (padded[i] == 0) {
        return Optional.of(Arrays.copyOf(padded, i));
      }
    }
    return Optional.empty();
  }

  /** pinHash = LEFT(SHA-256(pin), 16). */
  public static byte[] hash(byte[] utf8) {
    return PinCrypto.truncate(PinCrypto.sha256(utf8), HASH_LENGTH);
  }

  /** newPinEnc = encrypt(sharedSecret, paddedNewPin) (section 6.5.5.5). */
  public static byte[] newPinEnc(PinProtocol protocol, byte[] sharedSecret, byte[] utf8) {
    byte[] padded = pad(utf8);
    try {
      return protocol.encrypt(sharedSecret, padded);
    } finally {
      Arrays.fill(padded, (byte) 0);
    }
  }

  /** pinHashEnc = encrypt(sharedSecret, LEFT(SHA-256(pin), 16)) (section 6.5.5.6). */
  public static byte[] pinHashEnc(PinProtocol protocol, byte[] sharedSecret, byte[] utf8) {
    byte[] hash = hash(utf8);
    try {
      return protocol.encrypt(sharedSecret, hash);
    } finally {
      Arrays.fill(hash, (byte) 0);
    }
  }
}
