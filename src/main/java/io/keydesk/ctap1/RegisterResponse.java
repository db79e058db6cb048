package io.keydesk.ctap1;

import io.keydesk.cbor.Bytes;
import java.util.Objects;

/**
 * U2F_REGISTER response (FIDO U2F Raw Message Formats v1.2 section 4.3): a reserved byte 0x05, the
 * user public key (65 bytes, uncompressed P-256 point), the key handle length and key handle, the
 * X.509 attestation certificate (DER, its length read from its own header), and an ECDSA signature
 * over {@link #signedData}.
 */
public record RegisterResponse(
    Bytes userPublicKey, Bytes keyHandle, Bytes attestationCertificate, Bytes signature) {
  public static final int RESERVED = 0x05;
  public static final int PUBLIC_KEY_LENGTH = 65;
  public static final int MAX_KEY_HANDLE_LENGTH = 255;

  public RegisterResponse {
    Objects.requireNonNull(userPublicKey, "userPublicKey");
    Objects.requireNonNull(keyHandle, "keyHandle");
    Objects.requireNonNull(attestationCertificate, "attestationCertificate");
    Objects.requireNonNull(signature, "signature");
    if (userPublicKey.length() != PUBLIC_KEY_LENGTH || userPublicKey.get(0) != 0x04) {
      throw new IllegalArgumentException(
          "the user public key must be a 65-byte uncompressed point (0x04 || x || y)");
    }
    if (keyHandle.isEmpty() || keyHandle.length() > MAX_KEY_HANDLE_LENGTH) {
      throw new IllegalArgumentException(
          "a key handle is 1 to 255 bytes, not " + keyHandle.length());
    }
    if (attestationCertificate.isEmpty() || signature.isEmpty()) {
      throw new IllegalArgumentException("certificate and signature are required");
    }
  }

  /** Parses the response data (without the status word). */
  public static RegisterResponse parse(Bytes data) throws U2fException {
    byte[] raw = data.toArray();
    try {
      if (raw.length < 1 + PUBLIC_KEY_LENGTH + 1 || (raw[0] & 0xFF) != RESERVED) {
        throw new IllegalArgumentException("it does not start with 0x05 and a 65-byte public key");
      }
      int position = 1;
      Bytes publicKey = Bytes.of(raw, position, PUBLIC_KEY_LENGTH);
      position += PUBLIC_KEY_LENGTH;
      int handleLength = raw[position++] & 0xFF;
      if (raw.length - position < handleLength) {
        throw new IllegalArgumentException("the key handle runs past the end");
      }
      Bytes keyHandle = Bytes.of(raw, position, handleLength);
      position += handleLength;
      int certificateLength = derLength(raw, position);
      if (raw.length - position <= certificateLength) {
        throw new IllegalArgumentException("no signature follows the certificate");
      }
      Bytes certificate = Bytes.of(raw, position, certificateLength);
      position += certificateLength;
      Bytes signature = Bytes.of(raw, position, raw.length - position);
      return new RegisterResponse(publicKey, keyHandle, certificate, signature);
    } catch (IllegalArgumentException e) {
      throw new U2fException(
          U2fStatus.MALFORMED,
          "The key sent a U2F registration KeyDesk cannot read ("
              + e.getMessage()
              + "). Try again, or use another key.");
    }
  }

  /** The response data as the key sends it (without the status word). */
  public Bytes toBytes() {
    return Bytes.concat(
        Bytes.of(new byte[] {RESERVED}),
        userPublicKey,
        Bytes.of(new byte[] {(byte) keyHandle.length()}),
        keyHandle,
        attestationCertificate,
        signature);
  }

  /**
   * The bytes the attestation signature covers (section 4.3): 0x00 || application parameter ||
   * challenge parameter || key handle || user public key.
   */
  public Bytes signedData(Bytes applicationParameter, Bytes challengeParameter) {
    return Bytes.concat(
        Bytes.of(new byte[] {0}),
        applicationParameter,
        challengeParameter,
        keyHandle,
        userPublicKey);
  }

  /** Total length (header included) of the DER element starting at {@code position}. */
  private static int derLength(byte[] raw, int position) {
    if (raw.length - position < 2 || raw[position] != 0x30) {
      throw new IllegalArgumentException("the attestation certificate is not a DER SEQUENCE");
    }
    int first = raw[position + 1] & 0xFF;
    if (first < 0x80) {
      return 2 + first;
    }
    int count = first & 0x7F;
    if (count < 1 || count > 3 || raw.length - position < 2 + count) {
      throw new IllegalArgumentException("the certificate length is malformed");
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (raw[position + 2 + i] & 0xFF);
    }
    return 2 + count + length;
  }
}
