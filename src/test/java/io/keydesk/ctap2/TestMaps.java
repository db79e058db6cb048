package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Map;

/** Builds malformed variants of golden maps for the negative tests. */
final class TestMaps {
  private TestMaps() {}

  static CborMap decode(String hex) {
    try {
      return Cbor.decodeMap(Bytes.fromHex(hex).toArray());
    } catch (CborException e) {
      throw new IllegalStateException("a golden vector does not decode: " + e.getMessage(), e);
    }
  }

  /** {@code map} with {@code key} set to {@code value} (added or replaced). */
  static CborMap with(CborMap map, Object key, Object value) {
    CborMap.Builder builder = CborMap.builder();
    map.asMap().forEach(builder::put);
    return builder.put(key, value).build();
  }

  /** {@code map} without {@code key}. */
  static CborMap without(CborMap map, Object key) {
    CborMap.Builder builder = CborMap.builder();
    for (Map.Entry<Object, Object> entry : map.asMap().entrySet()) {
      if (!entry.getKey().equals(key instanceof Integer i ? (Object) i.longValue() : key)) {
        builder.put(entry.getKey(), entry.getValue());
      }
    }
    return builder.build();
  }

  static String hex(CborMap map) {
    return Bytes.of(Cbor.encode(map)).hex();
  }
}
