package io.keydesk.cbor;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Canonical CTAP2 CBOR writer on Jackson's {@link CBORGenerator}: Jackson provides the shortest
 * integer and length heads and definite-length containers; this class provides the CTAP2 map key
 * order (shorter encoded key first, then bytewise, so 1, 3 come before -1, -2 and before text keys).
 */
final class CborWriter {
  private static final CBORFactory FACTORY =
      CBORFactory.builder().enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS).build();

  /** Jackson switches to chunked (indefinite) text above this many characters; CTAP never does. */
  private static final int MAX_TEXT_CHARS = 8000;

  private CborWriter() {}

  static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (CBORGenerator generator = FACTORY.createGenerator(out)) {
      writeValue(generator, value, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeValue(CBORGenerator generator, Object value, int depth)
      throws IOException {
    if (depth > CborReader.MAX_DEPTH) {
      throw new IllegalArgumentException("CBOR nesting deeper than " + CborReader.MAX_DEPTH);
    }
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      generator.writeNumber(big);
    } else if (value instanceof String text) {
      if (text.length() > MAX_TEXT_CHARS) {
        throw new IllegalArgumentException("text of " + text.length() + " characters is too long");
      }
      generator.writeString(text);
    } else if (value instanceof Bytes bytes) {
      generator.writeBinary(bytes.toArray());
    } else if (value instanceof byte[] raw) {
      generator.writeBinary(raw);
    } else if (value instanceof List<?> list) {
      generator.writeStartArray(list, list.size());
      for (Object item : list) {
        writeValue(generator, item, depth + 1);
      }
      generator.writeEndArray();
    } else if (value instanceof CborMap map) {
      writeMap(generator, map, depth);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(generator, CborMap.of(map), depth);
    } else if (value instanceof Float || value instanceof Double) {
      throw new IllegalArgumentException("floating-point values are not used in CTAP2 CBOR");
    } else {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as CBOR");
    }
  }

  private static void writeMap(CBORGenerator generator, CborMap map, int depth)
      throws IOException {
    List<SortableEntry> entries = new ArrayList<>(map.size());
    map.asMap().forEach((key, value) -> entries.add(new SortableEntry(encodeKey(key), key, value)));
    entries.sort((a, b) -> compareKeys(a.encodedKey, b.encodedKey));
    generator.writeStartObject(map, entries.size());
    for (SortableEntry entry : entries) {
      if (entry.key instanceof Long id) {
        generator.writeFieldId(id);
      } else {
        generator.writeFieldName((String) entry.key);
      }
      writeValue(generator, entry.value, depth + 1);
    }
    generator.writeEndObject();
  }

  /**
   * The canonical encoding of a map key, computed directly (a key is a head, plus UTF-8 for text)
   * rather than through a generator per key, which dominated the cost of encoding small maps.
   */
  static byte[] encodeKey(Object key) {
    if (key instanceof Long id) {
      return id >= 0 ? head(0, id) : head(1, -1 - id);
    }
    byte[] utf8 = ((String) key).getBytes(StandardCharsets.UTF_8);
    byte[] head = head(3, utf8.length);
    byte[] out = Arrays.copyOf(head, head.length + utf8.length);
    System.arraycopy(utf8, 0, out, head.length, utf8.length);
    return out;
  }

  private static byte[] head(int major, long argument) {
    int type = major << 5;
    if (argument < 24) {
      return new byte[] {(byte) (type | argument)};
    }
    int size = argument < 0x100 ? 1 : argument < 0x10000 ? 2 : argument < 0x100000000L ? 4 : 8;
    byte[] out = new byte[1 + size];
    out[0] = (byte) (type | (size == 1 ? 24 : size == 2 ? 25 : size == 4 ? 26 : 27));
    for (int i = size; i > 0; i--) {
      out[i] = (byte) argument;
      argument >>>= 8;
    }
    return out;
  }

  private record SortableEntry(byte[] encodedKey, Object key, Object value) {}

  /** CTAP2 canonical order: shorter encoding first, then lexicographic on the encoded bytes. */
  static int compareKeys(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    return Arrays.compareUnsigned(a, b);
  }
}
