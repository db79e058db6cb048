package io.keydesk.cbor;

/**
 * Canonical CTAP2 CBOR (CTAP 2.1 section 8 "Message Encoding").
 *
 * <p>Values: {@link Long} (Integer, Short and Byte are accepted when encoding), {@link String},
 * {@link Bytes} (byte[] is accepted when encoding), {@link java.util.List}, {@link CborMap} (any
 * {@link java.util.Map} with Long/Integer/String keys is accepted when encoding), {@link Boolean}
 * and null. Floats, tags and other simple values are not part of CTAP and are rejected both ways.
 */
public final class Cbor {
  private Cbor() {}

  /** Encodes in canonical form: shortest lengths, definite lengths, map keys in CTAP2 order. */
  public static byte[] encode(Object value) {
    return CborWriter.write(value);
  }

  /** Strictly decodes one complete value; see {@link CborReader} for what is rejected. */
  public static Object decode(byte[] data) throws CborException {
    return new CborReader(data).readComplete();
  }

  /**
   * Strictly decodes the one value that starts at {@code offset} and reports where it ends, for CBOR
   * embedded in a binary structure (the COSE key and extension map inside WebAuthn authenticator
   * data). Bytes after the value are left alone; the value itself is checked as strictly as {@link
   * #decode}.
   */
  public static Prefix decodePrefix(byte[] data, int offset) throws CborException {
    CborReader reader = new CborReader(data, offset);
    Object value = reader.readPrefix();
    return new Prefix(value, reader.position());
  }

  /** A value decoded by {@link #decodePrefix} and the offset just past its last byte. */
  public record Prefix(Object value, int end) {}

  /** Strictly decodes one complete value that must be a map. */
  public static CborMap decodeMap(byte[] data) throws CborException {
    Object value = decode(data);
    if (value instanceof CborMap map) {
      return map;
    }
    throw new CborException(0, "expected a map but found " + CborMap.typeName(value));
  }
}
