package io.keydesk.authenticator;

import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RpEntity;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.webauthn.AuthenticatorData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * getAssertion round trips per second against the in-process software authenticator (budget: over
 * 1000/s on 2 cores), and the host side alone, so its share can be stated:
 *
 * <ul>
 *   <li>{@code roundTrip}: Ctap2 → CtapHidDevice → in-memory connection → CTAPHID responder → CTAP2
 *       processor (ES256 signature, counter) and back, then authData parsed.
 *   <li>{@code hostSideOnly}: the same request encoded and fragmented, a canned response of the
 *       same size reassembled, decoded and parsed (no authenticator, no threads).
 * </ul>
 *
 * <p>Run: {@code mvn -q -B -Pbench test-compile exec:exec -Dbench.include=GetAssertionBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GetAssertionBenchmark {
  private static final Bytes HASH = Bytes.fromHex("42".repeat(32));
  private static final int CHANNEL = 0x01020304;

  private SoftwareAuthenticator authenticator;
  private CtapHidDevice device;
  private Ctap2 ctap2;
  private GetAssertionRequest request;
  private Ctap2 canned;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    authenticator = SoftwareAuthenticator.builder().handler(Ctap2CommandHandler::new).build();
    device = CtapHidDevice.open(authenticator.connect(), Duration.ofSeconds(10));
    ctap2 = new Ctap2(device);
    Bytes credentialId =
        AuthenticatorData.parse(
                ctap2
                    .makeCredential(
                        MakeCredentialRequest.builder(
                                HASH,
                                RpEntity.of("example.com"),
                                new UserEntity(Bytes.fromHex("01020304"), "alice", "Alice"),
                                List.of(CredentialParameters.publicKey(CredentialParameters.ES256)))
                            .build(),
                        CancelToken.none(),
                        KeepaliveListener.NONE)
                    .authData())
            .attestedCredentialData()
            .orElseThrow()
            .credentialId();
    request =
        GetAssertionRequest.builder("example.com", HASH)
            .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(credentialId)))
            .build();
    GetAssertionResponse sample =
        ctap2.getAssertion(request, CancelToken.none(), KeepaliveListener.NONE);
    byte[] body = io.keydesk.cbor.Cbor.encode(sample.toCbor());
    byte[] reply = new byte[body.length + 1];
    System.arraycopy(body, 0, reply, 1, body.length);
    canned = new Ctap2(new CannedDevice(reply));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    device.close();
    authenticator.close();
  }

  @Benchmark
  public AuthenticatorData roundTrip() throws Exception {
    GetAssertionResponse response =
        ctap2.getAssertion(request, CancelToken.none(), KeepaliveListener.NONE);
    return AuthenticatorData.parse(response.authData());
  }

  @Benchmark
  public AuthenticatorData hostSideOnly() throws Exception {
    GetAssertionResponse response =
        canned.getAssertion(request, CancelToken.none(), KeepaliveListener.NONE);
    return AuthenticatorData.parse(response.authData());
  }

  /** Frames the request and reassembles a canned reply, as CtapHidDevice would, without I/O. */
  static final class CannedDevice implements CtapDevice {
    private final byte[] reply;

    CannedDevice(byte[] reply) {
      this.reply = reply;
    }

    @Override
    public byte[] call(
        int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive) {
      List<byte[]> sent = CtapHidFrames.fragment(CHANNEL, command, payload);
      if (sent.isEmpty()) {
        throw new IllegalStateException("no packets");
      }
      List<byte[]> packets = CtapHidFrames.fragment(CHANNEL, CtapHidCommand.CBOR, reply);
      CtapHidFrames.Reassembly message =
          new CtapHidFrames.Reassembly(packets.get(0), CtapHidFrames.MAX_MESSAGE);
      for (int i = 1; i < packets.size(); i++) {
        message.accept(packets.get(i));
      }
      return message.payload();
    }

    @Override
    public String describe() {
      return "canned";
    }

    @Override
    public void close() {}
  }
}
