package io.keydesk.ctap1;

import io.keydesk.cbor.Bytes;
import java.util.Objects;

/** A U2F response APDU: response data followed by the two-byte status word (SW1 SW2). */
public record ApduResponse(Bytes data, int statusWord) {
  public ApduResponse {
    Objects.requireNonNull(data, "data");
    if (statusWord < 0 || statusWord > 0xFFFF) {
      throw new IllegalArgumentException("a status word is two bytes: " + statusWord);
    }
  }

  public static ApduResponse parse(byte[] response) throws U2fException {
    if (response.length < 2) {
      throw new U2fException(
          U2fStatus.MALFORMED,
          "The key sent a U2F answer of "
              + response.length
              + " bytes, too short for a status word. Re-insert the key and try again.");
    }
    int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    return new ApduResponse(Bytes.of(response, 0, response.length - 2), sw);
  }

  public static ApduResponse status(int statusWord) {
    return new ApduResponse(Bytes.empty(), statusWord);
  }

  public byte[] encode() {
    return Bytes.concat(data, Bytes.of(new byte[] {(byte) (statusWord >>> 8), (byte) statusWord}))
        .toArray();
  }

  public boolean isOk() {
    return statusWord == U2fStatus.NO_ERROR;
  }
}
