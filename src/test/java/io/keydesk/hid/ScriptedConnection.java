package io.keydesk.hid;

import static org.assertj.core.api.Assertions.fail;

import io.keydesk.cbor.Bytes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@link HidConnection} that replays a transcript (DESIGN.md test tier 2): every write must match
 * the next expected report byte for byte; reads return the canned reports in order. Time is a
 * {@link FakeTicker}: a silent read moves it by the read's whole timeout, a canned read by {@link
 * #latency}. Transcript entries are hex strings (spaces allowed) zero-padded to 64 bytes.
 */
final class ScriptedConnection implements HidConnection {
  private sealed interface Step {}

  private record Write(byte[] report) implements Step {}

  private record Read(byte[] report) implements Step {}

  private record Silence() implements Step {}

  private record Fail(TransportException error) implements Step {}

  private record Action(Runnable action) implements Step {}

  private record Forever(byte[] report, Duration every) implements Step {}

  private final FakeTicker ticker;
  private final Deque<Step> steps = new ArrayDeque<>();
  private final List<String> written = new ArrayList<>();
  private Duration latency = Duration.ofMillis(1);
  private int closeCount;

  ScriptedConnection(FakeTicker ticker) {
    this.ticker = ticker;
  }

  /** A 64-byte report from hex, zero-padded on the right. */
  static byte[] report(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
    if (bytes.length > REPORT_SIZE) {
      throw new IllegalArgumentException("transcript entry longer than a report: " + hex);
    }
    return java.util.Arrays.copyOf(bytes, REPORT_SIZE);
  }

  ScriptedConnection expectWrite(String hex) {
    return expectWrite(report(hex));
  }

  ScriptedConnection expectWrite(byte[] report) {
    steps.add(new Write(report.clone()));
    return this;
  }

  ScriptedConnection thenRead(String hex) {
    return thenRead(report(hex));
  }

  /** A canned read, exactly these bytes (so short or long reports can be scripted too). */
  ScriptedConnection thenRead(byte[] raw) {
    steps.add(new Read(raw.clone()));
    return this;
  }

  /** One read that times out with nothing. */
  ScriptedConnection thenSilence() {
    steps.add(new Silence());
    return this;
  }

  /** The next read or write throws, as when the key is pulled out. */
  ScriptedConnection thenFail(TransportException error) {
    steps.add(new Fail(error));
    return this;
  }

  /** Runs {@code action} when the host next reads (e.g. the user presses Cancel), then reads on. */
  ScriptedConnection thenRun(Runnable action) {
    steps.add(new Action(action));
    return this;
  }

  /** From here on every read returns {@code hex}, each after {@code every}. */
  ScriptedConnection thenForever(String hex, Duration every) {
    steps.add(new Forever(report(hex), every));
    return this;
  }

  /** All writes seen so far, as hex of the significant bytes. */
  List<String> written() {
    return List.copyOf(written);
  }

  int closeCount() {
    return closeCount;
  }

  /** Fails unless every scripted step has happened. */
  void assertFinished() {
    Step next = steps.peek();
    if (next != null && !(next instanceof Forever) && !(next instanceof Silence)) {
      fail("transcript not finished; next step: " + describe(next) + "; writes were " + written);
    }
  }

  @Override
  public synchronized void write(byte[] report) throws TransportException {
    written.add(HexFormat.of().formatHex(report));
    // A write ends a storm or a silence: the device now has something new to answer.
    while (steps.peek() instanceof Forever || steps.peek() instanceof Silence) {
      steps.poll();
    }
    Step step = steps.peek();
    if (step instanceof Fail f) {
      steps.poll();
      throw f.error();
    }
    if (!(step instanceof Write w)) {
      throw new AssertionError(
          "unexpected write " + HexFormat.of().formatHex(report) + "; expected " + describe(step));
    }
    steps.poll();
    if (!java.util.Arrays.equals(w.report(), report)) {
      throw new AssertionError(
          "write differs\n expected "
              + HexFormat.of().formatHex(w.report())
              + "\n   actual "
              + HexFormat.of().formatHex(report));
    }
  }

  @Override
  public synchronized byte[] read(Duration timeout) throws TransportException {
    while (steps.peek() instanceof Action a) {
      steps.poll();
      a.action().run();
    }
    Step step = steps.peek();
    if (step instanceof Read r) {
      steps.poll();
      ticker.advance(latency);
      return r.report().clone();
    }
    if (step instanceof Forever f) {
      ticker.advance(f.every());
      return f.report().clone();
    }
    if (step instanceof Fail f) {
      steps.poll();
      throw f.error();
    }
    if (step instanceof Silence) {
      steps.poll();
    }
    // Silence, or the device has nothing more to say before the host's next write.
    ticker.advance(timeout);
    return new byte[0];
  }

  @Override
  public String describe() {
    return "scripted";
  }

  @Override
  public synchronized void close() {
    closeCount++;
  }

  private static String describe(Step step) {
    if (step == null) {
      return "end of transcript";
    }
    if (step instanceof Write w) {
      return "write " + Bytes.of(w.report()).hex();
    }
    return step.toString();
  }
}
