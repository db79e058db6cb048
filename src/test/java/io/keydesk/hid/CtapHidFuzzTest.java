package io.keydesk.hid;

import static io.keydesk.testing.FuzzContract.returnsOrThrows;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Fuzzes what reads CTAPHID reports from a device (DESIGN.md testing tier 8): packet reassembly,
 * the INIT response, and {@link CtapHidDevice} fed arbitrary reports. Seeds: {@code
 * src/test/resources/io/keydesk/hid/CtapHidFuzzTestInputs/<method>/}.
 */
class CtapHidFuzzTest {
  private static final byte[] NONCE = HexFormat.of().parseHex("0102030405060708");

  /** The first 64 bytes are an init packet, the rest continuation packets of 64 bytes. */
  @FuzzTest
  void reassemblyNeverOverruns(byte[] data) throws Throwable {
    byte[][] reports = reports(data);
    if (reports.length == 0) {
      return;
    }
    CtapHidFrames.Reassembly message =
        returnsOrThrows(
            () -> new CtapHidFrames.Reassembly(reports[0], CtapHidFrames.MAX_MESSAGE),
            IllegalArgumentException.class);
    if (message == null) {
      return;
    }
    int length = CtapHidFrames.messageLength(reports[0]);
    java.util.List<byte[]> accepted = new java.util.ArrayList<>(java.util.List.of(reports[0]));
    for (int i = 1; i < reports.length && !message.isComplete(); i++) {
      if (message.accept(reports[i])) {
        accepted.add(reports[i]);
      }
    }
    assertThat(message.payload()).hasSize(length);
    if (message.isComplete()) {
      // The reassembled payload is what fragment() would split back into the same data bytes.
      var again = CtapHidFrames.fragment(message.cid(), message.command(), message.payload());
      assertThat(again).hasSameSizeAs(accepted);
      for (int i = 0; i < again.size(); i++) {
        int header = i == 0 ? 7 : 5;
        int used = Math.min(header + (length - dataBefore(i)), HidConnection.REPORT_SIZE);
        assertThat(Arrays.copyOfRange(again.get(i), header, used))
            .isEqualTo(Arrays.copyOfRange(accepted.get(i), header, used));
      }
    }
  }

  @FuzzTest
  void initResponseParses(byte[] data) throws Throwable {
    CtapHidInitResponse response =
        returnsOrThrows(() -> CtapHidInitResponse.parse(data), IllegalArgumentException.class);
    if (response != null) {
      assertThat(response.nonce().toArray()).isEqualTo(Arrays.copyOf(data, 8));
    }
  }

  /**
   * A device that answers INIT and then one CBOR call with the fuzzer's reports (64 bytes each,
   * silence once they run out) gives a response or a {@link TransportException}, within the call's
   * deadline on a fake clock.
   */
  @FuzzTest
  void deviceSurvivesArbitraryReports(byte[] data) throws Throwable {
    FakeTicker ticker = new FakeTicker();
    FuzzedReports wire = new FuzzedReports(reports(data), ticker);
    CtapHidDevice device =
        returnsOrThrows(
            () -> CtapHidDevice.open(wire, Duration.ofSeconds(1), ticker, NONCE::clone),
            TransportException.class);
    if (device == null) {
      return;
    }
    returnsOrThrows(
        () -> device.call(CtapHidCommand.CBOR, new byte[] {4}, CancelToken.none(), s -> {}),
        TransportException.class);
    returnsOrThrows(
        () -> device.call(CtapHidCommand.PING, new byte[100], CancelToken.none(), s -> {}),
        TransportException.class);
  }

  private static int dataBefore(int packet) {
    return packet == 0 ? 0 : CtapHidFrames.INIT_DATA + (packet - 1) * CtapHidFrames.CONT_DATA;
  }

  private static byte[][] reports(byte[] data) {
    int count = (data.length + HidConnection.REPORT_SIZE - 1) / HidConnection.REPORT_SIZE;
    byte[][] reports = new byte[count][];
    for (int i = 0; i < count; i++) {
      int from = i * HidConnection.REPORT_SIZE;
      reports[i] = Arrays.copyOfRange(data, from, from + HidConnection.REPORT_SIZE);
    }
    return reports;
  }

  /** Hands out the fuzzer's reports in order; after them, every read times out. */
  private static final class FuzzedReports implements HidConnection {
    private final Deque<byte[]> reports;
    private final FakeTicker ticker;

    FuzzedReports(byte[][] reports, FakeTicker ticker) {
      this.reports = new ArrayDeque<>(Arrays.asList(reports));
      this.ticker = ticker;
    }

    @Override
    public void write(byte[] report) {
      assertThat(report).hasSize(REPORT_SIZE);
    }

    @Override
    public byte[] read(Duration timeout) {
      if (reports.isEmpty()) {
        ticker.advance(timeout);
        return new byte[0];
      }
      return reports.removeFirst();
    }

    @Override
    public String describe() {
      return "fuzzed reports";
    }

    @Override
    public void close() {}
  }
}
