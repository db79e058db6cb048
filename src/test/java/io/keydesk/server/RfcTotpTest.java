package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.server.totp.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B, SHA-1 rows: the tests' TOTP and the server's TOTP both match. */
class RfcTotpTest {
  private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void matchesTheRfcVectors(long time, String eightDigits) {
    assertThat(RfcTotp.generate(SEED, time, 8)).isEqualTo(eightDigits);
    String sixDigits = eightDigits.substring(2);
    assertThat(RfcTotp.generate(SEED, time, 6)).isEqualTo(sixDigits);
    assertThat(Totp.code(Bytes.of(SEED), Totp.step(Instant.ofEpochSecond(time))))
        .isEqualTo(sixDigits);
  }
}
