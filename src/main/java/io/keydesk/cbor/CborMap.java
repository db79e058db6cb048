package io.keydesk.cbor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable CBOR map with Long or String keys, and typed accessors that turn a missing member or
 * a wrong type into a {@link CborException} naming the key. Integer keys are normalised to Long, so
 * {@code map.get(1)} and {@code map.get(1L)} agree.
 */
public final class CborMap {
  private static final CborMap EMPTY = new CborMap(Map.of());

  private final Map<Object, Object> entries;

  private CborMap(Map<Object, Object> entries) {
    this.entries = entries;
  }

  public static CborMap empty() {
    return EMPTY;
  }

  /** Copies {@code source}, normalising integer keys to Long. */
  public static CborMap of(Map<?, ?> source) {
    Builder builder = builder();
    source.forEach(builder::put);
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return entries.size();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public Set<Object> keys() {
    return entries.keySet();
  }

  /** The entries in their decoded (canonical) or insertion order; values may be null. */
  public Map<Object, Object> asMap() {
    return entries;
  }

  public boolean has(Object key) {
    return entries.containsKey(normalise(key));
  }

  public Optional<Object> get(Object key) {
    return Optional.ofNullable(entries.get(normalise(key)));
  }

  public long getLong(Object key) throws CborException {
    return require(key, Long.class);
  }

  public int getInt(Object key) throws CborException {
    long value = getLong(key);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new CborException("member " + key + " is out of range: " + value);
    }
    return (int) value;
  }

  public Optional<Long> optLong(Object key) throws CborException {
    return optional(key, Long.class);
  }

  public Bytes getBytes(Object key) throws CborException {
    return require(key, Bytes.class);
  }

  public Optional<Bytes> optBytes(Object key) throws CborException {
    return optional(key, Bytes.class);
  }

  public String getString(Object key) throws CborException {
    return require(key, String.class);
  }

  public Optional<String> optString(Object key) throws CborException {
    return optional(key, String.class);
  }

  public boolean getBoolean(Object key) throws CborException {
    return require(key, Boolean.class);
  }

  public Optional<Boolean> optBoolean(Object key) throws CborException {
    return optional(key, Boolean.class);
  }

  public CborMap getMap(Object key) throws CborException {
    return require(key, CborMap.class);
  }

  public Optional<CborMap> optMap(Object key) throws CborException {
    return optional(key, CborMap.class);
  }

  /** A decoded array; its items are the value types listed in {@link Cbor}. */
  @SuppressWarnings("unchecked")
  public List<Object> getList(Object key) throws CborException {
    return require(key, List.class);
  }

  public Optional<List<Object>> optList(Object key) throws CborException {
    Optional<List<Object>> result = Optional.empty();
    if (has(key)) {
      result = Optional.of(getList(key));
    }
    return result;
  }

  private <T> T require(Object key, Class<T> type) throws CborException {
    Object value = entries.get(normalise(key));
    if (value == null) {
      throw new CborException("required member " + key + " is missing");
    }
    return cast(key, value, type);
  }

  private <T> Optional<T> optional(Object key, Class<T> type) throws CborException {
    Object value = entries.get(normalise(key));
    return value == null ? Optional.empty() : Optional.of(cast(key, value, type));
  }

  private static <T> T cast(Object key, Object value, Class<T> type) throws CborException {
    if (!type.isInstance(value)) {
      throw new CborException(
          "member " + key + " should be " + type.getSimpleName() + " but is " + typeName(value));
    }
    return type.cast(value);
  }

  static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof CborMap) {
      return "a map";
    }
    return value.getClass().getSimpleName();
  }

  static Object normalise(Object key) {
    if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
      return ((Number) key).longValue();
    }
    return key;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CborMap map && entries.equals(map.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  /** Builds a map in insertion order; the encoder sorts keys canonically. */
  public static final class Builder {
    private final Map<Object, Object> entries = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a member; a null value is encoded as CBOR null. */
    public Builder put(Object key, Object value) {
      Object normalised = normalise(key);
      if (!(normalised instanceof Long) && !(normalised instanceof String)) {
        throw new IllegalArgumentException("CTAP map keys are integers or text, not " + key);
      }
      entries.put(normalised, value instanceof byte[] raw ? Bytes.of(raw) : value);
      return this;
    }

    /** Adds a member only when {@code value} is present. */
    public Builder putIfPresent(Object key, Optional<?> value) {
      value.ifPresent(v -> put(key, v));
      return this;
    }

    public CborMap build() {
      return new CborMap(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
    }
  }
}
