package io.keydesk.cbor;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable byte string: defensive copies in and out, value equality, hex in {@code toString},
 * base64url (no padding) for JSON. CBOR byte strings decode to this type.
 */
public final class Bytes implements Comparable<Bytes> {
  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  public static Bytes of(byte[] value) {
    return value.length == 0 ? EMPTY : new Bytes(value.clone());
  }

  public static Bytes of(byte[] value, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(value, offset, offset + length));
  }

  public static Bytes empty() {
    return EMPTY;
  }

  /** Parses hex, ignoring whitespace (so golden vectors can be laid out readably). */
  public static Bytes fromHex(String hex) {
    return new Bytes(HEX.parseHex(hex.replaceAll("\\s+", "")));
  }

  public static Bytes fromBase64Url(String text) {
    return new Bytes(Base64.getUrlDecoder().decode(text));
  }

  public static Bytes concat(Bytes... parts) {
    int length = 0;
    for (Bytes part : parts) {
      length += part.value.length;
    }
    byte[] out = new byte[length];
    int position = 0;
    for (Bytes part : parts) {
      System.arraycopy(part.value, 0, out, position, part.value.length);
      position += part.value.length;
    }
    return new Bytes(out);
  }

  public byte[] toArray() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  public boolean isEmpty() {
    return value.length == 0;
  }

  public byte get(int index) {
    return value[index];
  }

  public Bytes slice(int from, int to) {
    return new Bytes(Arrays.copyOfRange(value, from, to));
  }

  public String hex() {
    return HEX.formatHex(value);
  }

  public String base64Url() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /** Constant-time comparison, for MACs and secrets. */
  public boolean constantTimeEquals(Bytes other) {
    return MessageDigest.isEqual(value, other.value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(value, other.value);
  }

  @Override
  public String toString() {
    return value.length <= 64 ? hex() : HEX.formatHex(value, 0, 64) + "...(" + value.length + " bytes)";
  }
}
