package io.keydesk.cbor;

import static io.keydesk.testing.FuzzContract.returnsOrThrows;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the strict CBOR reader (DESIGN.md testing tier 8). Seeds: {@code
 * src/test/resources/io/keydesk/cbor/CborFuzzTestInputs/<method>/}.
 */
class CborFuzzTest {

  /**
   * Any input decodes or fails with a {@link CborException}; the reader accepts only canonical
   * CBOR, so whatever it accepts re-encodes to exactly the same bytes.
   */
  @FuzzTest
  void decodeIsStrictAndRoundTrips(byte[] data) throws Throwable {
    Object value = returnsOrThrows(() -> Cbor.decode(data), CborException.class);
    if (value != null || isNull(data)) {
      assertThat(Cbor.encode(value)).isEqualTo(data);
    }
  }

  /** A prefix decode from any offset stops inside the input and agrees with a full decode. */
  @FuzzTest
  void decodePrefixStaysInside(byte[] data) throws Throwable {
    if (data.length == 0) {
      return;
    }
    int offset = (data[0] & 0xFF) % data.length;
    Cbor.Prefix prefix =
        returnsOrThrows(() -> Cbor.decodePrefix(data, offset), CborException.class);
    if (prefix != null) {
      assertThat(prefix.end()).isBetween(offset + 1, data.length);
      byte[] exact = java.util.Arrays.copyOfRange(data, offset, prefix.end());
      assertThat(Cbor.encode(prefix.value())).isEqualTo(exact);
    }
  }

  private static boolean isNull(byte[] data) {
    return data.length == 1 && data[0] == (byte) 0xF6;
  }
}
