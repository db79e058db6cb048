package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keydesk.cbor.Bytes;
import io.keydesk.hid.HidConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fuzzes the device side of CTAPHID (DESIGN.md testing tier 8): the reports the software
 * authenticator receives from a host, over UDP from any local process. Every report is accepted
 * without an exception and every answer is a 64-byte report. The handler answers getInfo only, so
 * this exercises channels, framing and reassembly rather than CTAP2. Seeds: {@code
 * src/test/resources/io/keydesk/authenticator/CtapHidResponderFuzzTestInputs/<method>/}.
 */
class CtapHidResponderFuzzTest {
  private static final BasicCtap2Handler HANDLER =
      new BasicCtap2Handler(AuthenticatorInfo.keydeskDefaults(AuthenticatorState.KEYDESK_AAGUID));

  /** The input is a sequence of 64-byte reports (the last one zero-padded). */
  @FuzzTest
  void anyReportsAreAnsweredInReports(byte[] data) {
    ManualScheduler clock = new ManualScheduler();
    List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());
    try (CtapHidResponder responder =
        new CtapHidResponder(
            HANDLER,
            request -> CompletableFuture.completedFuture(true),
            ResponderOptions.defaults(),
            clock)) {
      responder.addSink(sent::add);
      for (int from = 0; from < data.length; from += HidConnection.REPORT_SIZE) {
        responder.receive(Arrays.copyOf(Arrays.copyOfRange(data, from, data.length), 64));
      }
    }
    synchronized (sent) {
      for (byte[] report : sent) {
        assertThat(report).as(Bytes.of(report).hex()).hasSize(HidConnection.REPORT_SIZE);
      }
    }
  }
}
