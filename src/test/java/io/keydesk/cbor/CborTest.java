package io.keydesk.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CborTest {

  private static String hex(Object value) {
    return Bytes.of(Cbor.encode(value)).hex();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 00",
    "23, 17",
    "24, 1818",
    "255, 18ff",
    "256, 190100",
    "65535, 19ffff",
    "65536, 1a00010000",
    "4294967296, 1b0000000100000000",
    "-1, 20",
    "-24, 37",
    "-25, 3818",
    "-257, 390100",
    "9223372036854775807, 1b7fffffffffffffff",
    "-9223372036854775808, 3b7fffffffffffffff"
  })
  void integersUseTheShortestHead(long value, String expected) throws CborException {
    assertThat(hex(value)).isEqualTo(expected);
    assertThat(Cbor.decode(Bytes.fromHex(expected).toArray())).isEqualTo(value);
  }

  @Test
  void mapKeysFollowCtap2CanonicalOrder() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put(-2, 1);
    map.put(3, 1);
    map.put("aa", 1);
    map.put(-1, 1);
    map.put(1, 1);
    map.put(24, 1);
    // 1, 3, -1, -2 (one byte each, bytewise), then 24 (two bytes), "b" (two), "aa" (three)
    assertThat(hex(map)).isEqualTo("a7" + "0101" + "0301" + "2001" + "2101" + "181801" + "616201" + "62616101");
  }

  /** CTAP 2.1 section 6.4, authenticatorGetInfo response example (without the status byte). */
  static final String GET_INFO_EXAMPLE =
      "a6"
          + "01 82 66 55 32 46 5f 56 32 68 46 49 44 4f 5f 32 5f 30"
          + "02 82 6b 63 72 65 64 50 72 6f 74 65 63 74 6b 68 6d 61 63 2d 73 65 63 72 65 74"
          + "03 50 f8 a0 11 f3 8c 0a 4d 15 80 06 17 11 1f 9e dc 7d"
          + "04 a4 62 72 6b f5 62 75 70 f5 64 70 6c 61 74 f4 69 63 6c 69 65 6e 74 50 69 6e f4"
          + "05 19 04 b0"
          + "06 81 01";

  @Test
  void decodesAndReencodesTheSpecGetInfoExample() throws CborException {
    byte[] wire = Bytes.fromHex(GET_INFO_EXAMPLE).toArray();
    CborMap info = Cbor.decodeMap(wire);
    assertThat(info.getList(1)).containsExactly("U2F_V2", "FIDO_2_0");
    assertThat(info.getList(2)).containsExactly("credProtect", "hmac-secret");
    assertThat(info.getBytes(3).hex()).isEqualTo("f8a011f38c0a4d15800617111f9edc7d");
    assertThat(info.getMap(4).getBoolean("rk")).isTrue();
    assertThat(info.getMap(4).getBoolean("clientPin")).isFalse();
    assertThat(info.getLong(5)).isEqualTo(1200);
    assertThat(info.getList(6)).containsExactly(1L);
    assertThat(Cbor.encode(info)).isEqualTo(wire);
  }

  @Test
  void encodesAllValueKinds() throws CborException {
    CborMap map =
        CborMap.builder()
            .put(1, Bytes.fromHex("0102"))
            .put(2, "é")
            .put(3, List.of(true, false))
            .put(4, null)
            .put(5, CborMap.builder().put("id", new byte[] {9}).build())
            .build();
    byte[] encoded = Cbor.encode(map);
    assertThat(Bytes.of(encoded).hex())
        .isEqualTo("a5" + "01420102" + "0262c3a9" + "0382f5f4" + "04f6" + "05a1626964" + "4109");
    assertThat(Cbor.decode(encoded)).isEqualTo(map);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "a2 02 00 01 00, map key 1 is out of canonical order at offset 3",
    "a2 01 00 01 00, duplicate map key 1 at offset 3",
    "a2 20 00 01 00, map key 1 is out of canonical order at offset 3",
    "a2 61 61 00 01 00, map key 1 is out of canonical order at offset 4",
    "9f 01 ff, indefinite-length item at offset 0",
    "5f 41 00 ff, indefinite-length item at offset 0",
    "18 05, non-canonical encoding of 5 at offset 0",
    "19 00 ff, non-canonical encoding of 255 at offset 0",
    "58 18 01, declared length 24 exceeds the 1 bytes left at offset 0",
    "9a ff ff ff ff 00, declared count 4294967295 exceeds the 1 bytes left at offset 0",
    "01 02, 1 trailing bytes at offset 1",
    "fa 00 00 00 00, floating-point value at offset 0",
    "c1 01, tags are not used in CTAP2 CBOR at offset 0",
    "62 c3 28, text string is not valid UTF-8 at offset 0",
    "a1 40 00, map key must be an integer or text at offset 1",
    "1b ff ff ff ff ff ff ff ff, unsigned integer beyond the 64-bit signed range at offset 0",
    "83 01 01 18, truncated head at offset 3",
    "'', empty input at offset 0"
  })
  void strictReaderRejects(String input, String message) {
    assertThatThrownBy(() -> Cbor.decode(Bytes.fromHex(input).toArray()))
        .isInstanceOf(CborException.class)
        .hasMessage(message);
  }

  @Test
  void nestingDeeperThan16IsRejected() throws CborException {
    byte[] ok = Bytes.fromHex("81".repeat(16) + "00").toArray();
    assertThat(Cbor.decode(ok)).isInstanceOf(List.class);
    byte[] deep = Bytes.fromHex("81".repeat(17) + "00").toArray();
    assertThatThrownBy(() -> Cbor.decode(deep)).hasMessage("nesting deeper than 16 at offset 17");
  }

  @Test
  void floatsAreRefusedWhenEncoding() {
    assertThatThrownBy(() -> Cbor.encode(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void typedAccessorsNameTheMember() throws CborException {
    CborMap map = Cbor.decodeMap(Bytes.fromHex("a1 01 61 78").toArray());
    assertThatThrownBy(() -> map.getBytes(1)).hasMessage("member 1 should be Bytes but is String");
    assertThatThrownBy(() -> map.getLong(2)).hasMessage("required member 2 is missing");
    assertThat(map.optLong(2)).isEmpty();
  }

  @Test
  void decodePrefixStopsAfterOneValueAndReportsWhere() throws CborException {
    byte[] data = Bytes.fromHex("ff a2 0102 0304 58").toArray();
    Cbor.Prefix prefix = Cbor.decodePrefix(data, 1);
    assertThat(prefix.value()).isEqualTo(CborMap.builder().put(1, 2L).put(3, 4L).build());
    assertThat(prefix.end()).isEqualTo(6);
    assertThatThrownBy(() -> Cbor.decodePrefix(data, 6))
        .isInstanceOf(CborException.class)
        .hasMessage("truncated head at offset 6");
    assertThatThrownBy(() -> Cbor.decodePrefix(data, 7))
        .isInstanceOf(CborException.class)
        .hasMessage("no CBOR value: the input ends here at offset 7");
    assertThatThrownBy(() -> Cbor.decodePrefix(Bytes.fromHex("a2 0304 0102").toArray(), 0))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("out of canonical order");
  }

  @ParameterizedTest(name = "key {0}")
  @CsvSource({"0", "23", "24", "255", "256", "65536", "4294967296", "-1", "-24", "-25", "-257",
    "-4294967297", "9223372036854775807", "-9223372036854775808"})
  void directKeyEncodingMatchesTheGenerator(long key) {
    assertThat(CborWriter.encodeKey(key)).isEqualTo(Cbor.encode(key));
  }

  @Test
  void directTextKeyEncodingMatchesTheGenerator() {
    for (String key : List.of("", "a", "x".repeat(23), "x".repeat(24), "é".repeat(200))) {
      assertThat(CborWriter.encodeKey(key)).isEqualTo(Cbor.encode(key));
    }
  }
}
