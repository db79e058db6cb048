package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parsing helpers shared by the CTAP2 records: typed list and map members, unsigned integers, and
 * turning a record's validation failure into a {@link CborException} that names the member. Every
 * {@code fromCbor} goes through here so that "missing member" and "wrong type" read the same.
 */
final class CtapCbor {
  private CtapCbor() {}

  /** Reads one record from a decoded map. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(CborMap map) throws CborException;
  }

  /**
   * Runs a record constructor and reports its validation failure (IllegalArgumentException,
   * NullPointerException) as malformed CBOR, so callers handle one exception type.
   */
  static <T> T build(String what, Supplier<T> constructor) throws CborException {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CborException(what + ": " + e.getMessage());
    }
  }

  /** A required unsigned integer that fits an int (counts, sizes, lengths). */
  static int uint(CborMap map, Object key) throws CborException {
    return checkUint(key, map.getLong(key));
  }

  static Optional<Integer> optUint(CborMap map, Object key) throws CborException {
    Optional<Long> value = map.optLong(key);
    return value.isPresent() ? Optional.of(checkUint(key, value.get())) : Optional.empty();
  }

  /** An optional unsigned integer that may use the full 63-bit range (firmware versions). */
  static Optional<Long> optUlong(CborMap map, Object key) throws CborException {
    Optional<Long> value = map.optLong(key);
    if (value.isPresent() && value.get() < 0) {
      throw new CborException("member " + key + " should be unsigned but is " + value.get());
    }
    return value;
  }

  private static int checkUint(Object key, long value) throws CborException {
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new CborException("member " + key + " is out of range: " + value);
    }
    return (int) value;
  }

  /** A required array of text strings. */
  static List<String> textList(CborMap map, Object key) throws CborException {
    return items(key, map.getList(key), String.class);
  }

  /** An optional array of text strings; empty when absent. */
  static List<String> optTextList(CborMap map, Object key) throws CborException {
    return map.has(key) ? textList(map, key) : List.of();
  }

  /** An optional array of integers; empty when absent. */
  static List<Long> optLongList(CborMap map, Object key) throws CborException {
    return map.has(key) ? items(key, map.getList(key), Long.class) : List.of();
  }

  /** An optional array of unsigned integers that fit an int; empty when absent. */
  static List<Integer> optUintList(CborMap map, Object key) throws CborException {
    List<Integer> result = new ArrayList<>();
    for (Long item : optLongList(map, key)) {
      result.add(checkUint(key, item));
    }
    return Collections.unmodifiableList(result);
  }

  /** A required array of maps, each read by {@code parser}. */
  static <T> List<T> mapList(CborMap map, Object key, Parser<T> parser) throws CborException {
    List<CborMap> maps = items(key, map.getList(key), CborMap.class);
    List<T> result = new ArrayList<>(maps.size());
    for (CborMap item : maps) {
      result.add(parser.parse(item));
    }
    return Collections.unmodifiableList(result);
  }

  /** An optional array of maps; empty when absent. */
  static <T> List<T> optMapList(CborMap map, Object key, Parser<T> parser) throws CborException {
    return map.has(key) ? mapList(map, key, parser) : List.of();
  }

  /** A map with text keys and boolean values, such as getInfo options. */
  static Map<String, Boolean> booleanMap(CborMap map, Object key) throws CborException {
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> entry : map.getMap(key).asMap().entrySet()) {
      if (!(entry.getKey() instanceof String name)
          || !(entry.getValue() instanceof Boolean value)) {
        throw new CborException(
            "member "
                + key
                + " should map text to booleans but has "
                + entry.getKey()
                + "="
                + entry.getValue());
      }
      result.put(name, value);
    }
    return Collections.unmodifiableMap(result);
  }

  /** A map with text keys and unsigned integer values, such as getInfo certifications. */
  static Map<String, Long> longMap(CborMap map, Object key) throws CborException {
    Map<String, Long> result = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> entry : map.getMap(key).asMap().entrySet()) {
      if (!(entry.getKey() instanceof String name) || !(entry.getValue() instanceof Long value)) {
        throw new CborException(
            "member "
                + key
                + " should map text to integers but has "
                + entry.getKey()
                + "="
                + entry.getValue());
      }
      result.put(name, value);
    }
    return Collections.unmodifiableMap(result);
  }

  /** A map whose keys must all be text (extension inputs and outputs). */
  static Optional<CborMap> optTextKeyedMap(CborMap map, Object key) throws CborException {
    Optional<CborMap> value = map.optMap(key);
    if (value.isPresent()) {
      for (Object name : value.get().keys()) {
        if (!(name instanceof String)) {
          throw new CborException("member " + key + " should have text keys but has " + name);
        }
      }
    }
    return value;
  }

  /** A byte string of an exact length (AAGUIDs, hashes). */
  static Bytes fixedBytes(CborMap map, Object key, int length) throws CborException {
    Bytes value = map.getBytes(key);
    if (value.length() != length) {
      throw new CborException(
          "member " + key + " should be " + length + " bytes but is " + value.length());
    }
    return value;
  }

  private static <T> List<T> items(Object key, List<Object> list, Class<T> type)
      throws CborException {
    List<T> result = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!type.isInstance(item)) {
        throw new CborException(
            "member "
                + key
                + " should hold "
                + type.getSimpleName()
                + " items but holds "
                + (item == null ? "null" : item.getClass().getSimpleName()));
      }
      result.add(type.cast(item));
    }
    return Collections.unmodifiableList(result);
  }

  /** Puts a list member only when it is not empty (CTAP omits empty optional arrays). */
  static void putList(CborMap.Builder builder, Object key, List<?> list) {
    if (!list.isEmpty()) {
      builder.put(key, list);
    }
  }

  /**
   * Reads a command's response, reporting a malformed one as a {@link CtapException} whose message
   * names the command (the status byte said OK, but the body is not what CTAP 2.1 section 6 says).
   */
  static <T> T parseResponse(String command, CborMap response, Parser<T> parser)
      throws CtapException {
    try {
      return parser.parse(response);
    } catch (CborException e) {
      throw new CtapException(
          CtapStatus.INVALID_CBOR,
          "The key sent a "
              + command
              + " response KeyDesk cannot read ("
              + e.getMessage()
              + "); update its firmware or try another key.");
    }
  }
}
