package io.keydesk.ctap1;

import io.keydesk.cbor.Bytes;
import java.util.Objects;

/**
 * U2F_AUTHENTICATE response (FIDO U2F Raw Message Formats v1.2 section 5.4): the user presence byte
 * (bit 0 set when the user touched the key), a 4-byte big-endian counter and an ECDSA signature
 * over {@link #signedData}.
 */
public record AuthenticateResponse(int userPresence, long counter, Bytes signature) {
  public AuthenticateResponse {
    Objects.requireNonNull(signature, "signature");
    if (userPresence < 0 || userPresence > 0xFF) {
      throw new IllegalArgumentException("user presence is one byte: " + userPresence);
    }
    if (counter < 0 || counter > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("the counter is 4 bytes: " + counter);
    }
    if (signature.isEmpty()) {
      throw new IllegalArgumentException("the signature is empty");
    }
  }

  public static AuthenticateResponse parse(Bytes data) throws U2fException {
    if (data.length() < 6) {
      throw new U2fException(
          U2fStatus.MALFORMED,
          "The key sent a U2F signature of "
              + data.length()
              + " bytes, too short to be one. Try again, or use another key.");
    }
    byte[] raw = data.toArray();
    long counter =
        ((raw[1] & 0xFFL) << 24)
            | ((raw[2] & 0xFFL) << 16)
            | ((raw[3] & 0xFFL) << 8)
            | (raw[4] & 0xFFL);
    return new AuthenticateResponse(raw[0] & 0xFF, counter, data.slice(5, data.length()));
  }

  public boolean userPresent() {
    return (userPresence & 0x01) != 0;
  }

  /** The flags byte and counter, as they begin WebAuthn authenticator data (5 bytes). */
  public Bytes presenceAndCounter() {
    return Bytes.of(
        new byte[] {
          (byte) userPresence,
          (byte) (counter >>> 24),
          (byte) (counter >>> 16),
          (byte) (counter >>> 8),
          (byte) counter
        });
  }

  public Bytes toBytes() {
    return Bytes.concat(presenceAndCounter(), signature);
  }

  /**
   * The bytes the signature covers (section 5.4): application parameter || user presence || counter
   * || challenge parameter.
   */
  public Bytes signedData(Bytes applicationParameter, Bytes challengeParameter) {
    return Bytes.concat(applicationParameter, presenceAndCounter(), challengeParameter);
  }
}
