package io.keydesk.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Strict decoder for CBOR from devices and networks. Rejects, naming the offset: indefinite lengths,
 * non-shortest integer and length heads, map keys out of canonical order or repeated, keys other
 * than integers and text, floats, tags and simple values other than true/false/null, invalid UTF-8,
 * nesting deeper than {@link #MAX_DEPTH}, lengths that run past the input, and trailing bytes.
 *
 * <p>Hand-written rather than on Jackson's parser because that parser folds integer map keys into
 * text field names and accepts non-canonical encodings, both of which CTAP2 must reject.
 */
final class CborReader {
  static final int MAX_DEPTH = 16;

  private final byte[] data;
  private int position;

  CborReader(byte[] data) {
    this(data, 0);
  }

  /** A reader that starts at {@code offset} (for values embedded in a larger structure). */
  CborReader(byte[] data, int offset) {
    if (offset < 0 || offset > data.length) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + data.length);
    }
    this.data = data;
    this.position = offset;
  }

  /** Reads one value and stops after it; the bytes that follow are the caller's business. */
  Object readPrefix() throws CborException {
    if (position >= data.length) {
      throw new CborException(position, "no CBOR value: the input ends here");
    }
    return readValue(0);
  }

  /** The offset just past what has been read. */
  int position() {
    return position;
  }

  Object readComplete() throws CborException {
    if (data.length == 0) {
      throw new CborException(0, "empty input");
    }
    Object value = readValue(0);
    if (position != data.length) {
      throw new CborException(position, (data.length - position) + " trailing bytes");
    }
    return value;
  }

  private Object readValue(int depth) throws CborException {
    if (depth > MAX_DEPTH) {
      throw new CborException(position, "nesting deeper than " + MAX_DEPTH);
    }
    int start = position;
    int initial = readByte();
    int major = initial >>> 5;
    int info = initial & 0x1F;
    if (major == 7) {
      return readSimple(start, info);
    }
    if (info == 31) {
      throw new CborException(start, "indefinite-length item");
    }
    long argument = readArgument(start, info);
    switch (major) {
      case 0:
        if (argument < 0) {
          throw new CborException(start, "unsigned integer beyond the 64-bit signed range");
        }
        return argument;
      case 1:
        if (argument < 0) {
          throw new CborException(start, "negative integer beyond the 64-bit signed range");
        }
        return -1 - argument;
      case 2:
        int from = position;
        return Bytes.of(data, from, take(start, argument));
      case 3:
        return readText(start, argument);
      case 4:
        return readArray(start, argument, depth);
      case 5:
        return readMap(start, argument, depth);
      default:
        throw new CborException(start, "tags are not used in CTAP2 CBOR");
    }
  }

  private Object readSimple(int start, int info) throws CborException {
    switch (info) {
      case 20:
        return Boolean.FALSE;
      case 21:
        return Boolean.TRUE;
      case 22:
        return null;
      case 25:
      case 26:
      case 27:
        throw new CborException(start, "floating-point value");
      case 31:
        throw new CborException(start, "unexpected break");
      default:
        throw new CborException(start, "unsupported simple value " + info);
    }
  }

  /** Reads the argument of a head, insisting on the shortest form. Returns -1 past Long.MAX. */
  private long readArgument(int start, int info) throws CborException {
    if (info < 24) {
      return info;
    }
    int size;
    long minimum;
    switch (info) {
      case 24:
        size = 1;
        minimum = 24;
        break;
      case 25:
        size = 2;
        minimum = 0x100;
        break;
      case 26:
        size = 4;
        minimum = 0x10000;
        break;
      case 27:
        size = 8;
        minimum = 0x100000000L;
        break;
      default:
        throw new CborException(start, "reserved additional information " + info);
    }
    if (data.length - position < size) {
      throw new CborException(start, "truncated head");
    }
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (data[position++] & 0xFF);
    }
    if (size == 8 && value < 0) {
      return -1;
    }
    if (value < minimum) {
      throw new CborException(start, "non-canonical encoding of " + value);
    }
    return value;
  }

  private int take(int start, long length) throws CborException {
    if (length < 0 || length > data.length - position) {
      throw new CborException(
          start,
          "declared length "
              + (length < 0 ? "beyond 2^63" : Long.toString(length))
              + " exceeds the "
              + (data.length - position)
              + " bytes left");
    }
    position += (int) length;
    return (int) length;
  }

  private String readText(int start, long length) throws CborException {
    int from = position;
    int count = take(start, length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, from, count))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CborException(start, "text string is not valid UTF-8");
    }
  }

  private List<Object> readArray(int start, long count, int depth) throws CborException {
    checkCount(start, count, 1);
    List<Object> items = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      items.add(readValue(depth + 1));
    }
    return Collections.unmodifiableList(items);
  }

  private CborMap readMap(int start, long count, int depth) throws CborException {
    checkCount(start, count, 2);
    CborMap.Builder builder = CborMap.builder();
    byte[] previousKey = null;
    for (long i = 0; i < count; i++) {
      int keyStart = position;
      Object key = readValue(depth + 1);
      if (!(key instanceof Long) && !(key instanceof String)) {
        throw new CborException(keyStart, "map key must be an integer or text");
      }
      byte[] encodedKey = Arrays.copyOfRange(data, keyStart, position);
      if (previousKey != null) {
        int order = CborWriter.compareKeys(previousKey, encodedKey);
        if (order == 0) {
          throw new CborException(keyStart, "duplicate map key " + key);
        }
        if (order > 0) {
          throw new CborException(keyStart, "map key " + key + " is out of canonical order");
        }
      }
      previousKey = encodedKey;
      builder.put(key, readValue(depth + 1));
    }
    return builder.build();
  }

  /** A count that could not fit in the remaining bytes is rejected before anything is allocated. */
  private void checkCount(int start, long count, int minBytesPerItem) throws CborException {
    if (count < 0 || count > (long) (data.length - position) / minBytesPerItem) {
      throw new CborException(
          start, "declared count " + count + " exceeds the " + (data.length - position) + " bytes left");
    }
  }

  private int readByte() throws CborException {
    if (position >= data.length) {
      throw new CborException(position, "unexpected end of input");
    }
    return data[position++] & 0xFF;
  }
}
