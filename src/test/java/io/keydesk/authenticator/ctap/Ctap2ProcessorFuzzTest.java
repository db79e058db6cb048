package io.keydesk.authenticator.ctap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CtapStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Fuzzes the software authenticator's request parsing (DESIGN.md testing tier 8): any CTAP2
 * message (command byte + arbitrary CBOR) gets a status byte, and CTAP2_OK only with a canonical
 * CBOR map after it. CTAP1_ERR_OTHER is what {@link Ctap2Processor} answers when a command threw
 * an unexpected RuntimeException, so it counts as a crash. Each input starts from the same state
 * (restored from CBOR), so a finding replays exactly. Seeds: {@code
 * src/test/resources/io/keydesk/authenticator/ctap/Ctap2ProcessorFuzzTestInputs/<method>/}.
 */
class Ctap2ProcessorFuzzTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Ctap2Config CONFIG =
      Ctap2Config.defaults(AuthenticatorState.KEYDESK_AAGUID)
          .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  private static final CborMap STATE =
      Ctap2State.generate(
              Bytes.of(new byte[32]), CONFIG.aaguid(), CONFIG.discoverableCapacity(), NOW)
          .toCbor();

  /** The input is one request; the user approves every touch when its last bit is set. */
  @FuzzTest
  void everyRequestGetsAStatus(byte[] request) throws CborException {
    Ctap2Processor processor =
        new Ctap2Processor(CONFIG, Ctap2State.fromCbor(STATE, CONFIG.discoverableCapacity()));
    boolean approve = request.length > 0 && (request[request.length - 1] & 1) == 1;
    byte[] response = processor.process(request, () -> approve);
    assertThat(response).isNotEmpty();
    assertThat(response[0] & 0xFF)
        .as("CTAP1_ERR_OTHER: an unexpected exception (see the log)")
        .isNotEqualTo(CtapStatus.OTHER.code());
    if (response[0] == 0 && response.length > 1) {
      byte[] body = Arrays.copyOfRange(response, 1, response.length);
      assertThat(Cbor.encode(Cbor.decodeMap(body))).isEqualTo(body);
    } else if (response[0] != 0) {
      assertThat(response).hasSize(1);
    }
  }
}
