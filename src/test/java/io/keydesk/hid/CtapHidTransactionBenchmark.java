package io.keydesk.hid;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Host-side cost of one CTAPHID CBOR transaction (DESIGN.md budget: well under 1 ms): CBOR-encode a
 * request map, fragment it, write the reports, read back and reassemble the reply, CBOR-decode it.
 * The device is an in-memory echo that answers each complete request with a canned CBOR reply of
 * the same size class, so only host-side work is measured.
 *
 * <p>Run: {@code mvn -q -B -o -Pbench test-compile exec:exec
 * -Dbench.include=CtapHidTransactionBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CtapHidTransactionBenchmark {
  /** Approximate size of the encoded request and reply. */
  @Param({"100", "1000"})
  public int messageBytes;

  private static final int CHANNEL = 0x0badcafe;

  private CtapHidDevice device;
  private CborMap request;

  /** Answers INIT, then answers every complete CBOR request with {@code reply}. */
  static final class EchoConnection implements HidConnection {
    private final Deque<byte[]> inbox = new ArrayDeque<>();
    private final byte[] reply;
    private CtapHidFrames.Reassembly pending;

    EchoConnection(byte[] reply) {
      this.reply = reply;
    }

    @Override
    public void write(byte[] report) {
      if (CtapHidFrames.isInit(report)) {
        pending = new CtapHidFrames.Reassembly(report, CtapHidFrames.MAX_MESSAGE);
      } else {
        pending.accept(report);
      }
      if (!pending.isComplete()) {
        return;
      }
      if (pending.command() == CtapHidCommand.INIT) {
        byte[] init = new byte[17];
        System.arraycopy(pending.payload(), 0, init, 0, 8);
        init[8] = (byte) (CHANNEL >>> 24);
        init[9] = (byte) (CHANNEL >>> 16);
        init[10] = (byte) (CHANNEL >>> 8);
        init[11] = (byte) CHANNEL;
        init[12] = 2;
        init[16] = CtapHidCommand.CAPABILITY_CBOR;
        inbox.addAll(
            CtapHidFrames.fragment(CtapHidCommand.BROADCAST_CID, CtapHidCommand.INIT, init));
      } else {
        inbox.addAll(CtapHidFrames.fragment(pending.cid(), pending.command(), reply));
      }
      pending = null;
    }

    @Override
    public byte[] read(Duration timeout) {
      byte[] next = inbox.poll();
      return next == null ? new byte[0] : next;
    }

    @Override
    public String describe() {
      return "in-memory echo";
    }

    @Override
    public void close() {}
  }

  /** A makeCredential-like map whose encoding is about {@code size} bytes. */
  static CborMap requestOfSize(int size) {
    byte[] clientDataHash = new byte[32];
    Arrays.fill(clientDataHash, (byte) 0x11);
    int filler = Math.max(0, size - 100);
    return CborMap.builder()
        .put(1L, Bytes.of(clientDataHash))
        .put(2L, CborMap.builder().put("id", "example.com").put("name", "Example").build())
        .put(
            3L,
            CborMap.builder()
                .put("id", Bytes.of(new byte[Math.max(8, filler)]))
                .put("name", "alice")
                .build())
        .put(4L, List.of(CborMap.builder().put("alg", -7L).put("type", "public-key").build()))
        .build();
  }

  private byte[] encodedRequest;
  private byte[] encodedReply;

  @Setup(Level.Trial)
  public void setUp() throws TransportException {
    request = requestOfSize(messageBytes);
    byte[] body = Cbor.encode(request);
    byte[] reply = new byte[1 + body.length];
    System.arraycopy(body, 0, reply, 1, body.length); // status 0x00, then a map
    encodedRequest = reply.clone();
    encodedRequest[0] = 0x01;
    encodedReply = body;
    device = CtapHidDevice.open(new EchoConnection(reply), Duration.ofSeconds(5));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    device.close();
  }

  @Benchmark
  public CborMap transaction() throws TransportException, CborException {
    byte[] body = Cbor.encode(request);
    byte[] frame = new byte[1 + body.length];
    frame[0] = 0x01; // authenticatorMakeCredential
    System.arraycopy(body, 0, frame, 1, body.length);
    byte[] reply =
        device.call(CtapHidCommand.CBOR, frame, CancelToken.none(), KeepaliveListener.NONE);
    return Cbor.decodeMap(Arrays.copyOfRange(reply, 1, reply.length));
  }

  /** Breakdown: framing, writes, reads and reassembly only (no CBOR). */
  @Benchmark
  public byte[] framingOnly() throws TransportException {
    return device.call(
        CtapHidCommand.CBOR, encodedRequest, CancelToken.none(), KeepaliveListener.NONE);
  }

  /** Breakdown: CBOR encode of the request and decode of the reply only (no CTAPHID). */
  @Benchmark
  public CborMap cborOnly() throws CborException {
    Cbor.encode(request);
    return Cbor.decodeMap(encodedReply);
  }
}
