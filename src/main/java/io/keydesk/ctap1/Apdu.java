package io.keydesk.ctap1;

import io.keydesk.cbor.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * A U2F request APDU (FIDO U2F Raw Message Formats v1.2 section 3, ISO 7816-4 extended length), as
 * carried by CTAPHID_MSG: {@code CLA INS P1 P2 00 Lc1 Lc2 data Le1 Le2}, or {@code CLA INS P1 P2 00
 * Le1 Le2} without data. Le is always 0x0000, "up to 65536 bytes".
 */
public record Apdu(int cla, int ins, int p1, int p2, Bytes data) {
  /** U2F_REGISTER (section 4.1). */
  public static final int INS_REGISTER = 0x01;

  /** U2F_AUTHENTICATE (section 5.1). */
  public static final int INS_AUTHENTICATE = 0x02;

  /** U2F_VERSION (section 6.1). */
  public static final int INS_VERSION = 0x03;

  /** Authenticate control byte: only check whether the key handle is ours (section 5.1). */
  public static final int CHECK_ONLY = 0x07;

  /** Authenticate control byte: require a test of user presence, then sign. */
  public static final int ENFORCE_USER_PRESENCE_AND_SIGN = 0x03;

  /** Authenticate control byte: sign without a test of user presence (CTAP 2.1 section 11.2.5). */
  public static final int DONT_ENFORCE_USER_PRESENCE_AND_SIGN = 0x08;

  /** Extended length allows at most 65535 bytes of data. */
  public static final int MAX_DATA_LENGTH = 0xFFFF;

  public Apdu {
    Objects.requireNonNull(data, "data");
    for (int value : new int[] {cla, ins, p1, p2}) {
      if (value < 0 || value > 0xFF) {
        throw new IllegalArgumentException("APDU header bytes must fit in a byte: " + value);
      }
    }
    if (data.length() > MAX_DATA_LENGTH) {
      throw new IllegalArgumentException(
          "APDU data is " + data.length() + " bytes; extended length allows " + MAX_DATA_LENGTH);
    }
  }

  public static Apdu of(int ins, int p1, Bytes data) {
    return new Apdu(0, ins, p1, 0, data);
  }

  /** The extended-length encoding. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(9 + data.length());
    out.write(cla);
    out.write(ins);
    out.write(p1);
    out.write(p2);
    out.write(0);
    if (!data.isEmpty()) {
      out.write(data.length() >>> 8);
      out.write(data.length() & 0xFF);
      out.writeBytes(data.toArray());
    }
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }

  /**
   * Parses an extended-length request APDU, as an authenticator receives it. Accepts the forms with
   * and without Le, and a short-form header without data.
   *
   * @throws IllegalArgumentException when the lengths do not add up
   */
  public static Apdu decode(byte[] apdu) {
    if (apdu.length < 4) {
      throw new IllegalArgumentException("an APDU has at least 4 header bytes, not " + apdu.length);
    }
    int cla = apdu[0] & 0xFF;
    int ins = apdu[1] & 0xFF;
    int p1 = apdu[2] & 0xFF;
    int p2 = apdu[3] & 0xFF;
    int rest = apdu.length - 4;
    if (rest == 0 || rest == 1 || rest == 3) {
      // Case 1, short case 2 (Le only) or extended case 2 (00 Le1 Le2): no data.
      return new Apdu(cla, ins, p1, p2, Bytes.empty());
    }
    if (apdu[4] != 0 || rest < 3) {
      throw new IllegalArgumentException("only extended-length APDUs are supported");
    }
    int lc = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
    int trailer = rest - 3 - lc;
    if (lc == 0 || (trailer != 0 && trailer != 2)) {
      throw new IllegalArgumentException(
          "the APDU says " + lc + " data bytes but " + (rest - 3) + " follow the header");
    }
    return new Apdu(cla, ins, p1, p2, Bytes.of(apdu, 7, lc));
  }
}
