package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidFrames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Ephemeral ports only: the simulator's default ports are never bound in tests. */
class SimulatorCommandTest {
  private static final Pattern BANNER =
      Pattern.compile(
          "KeyDesk software authenticator on udp:127\\.0\\.0\\.1:(\\d+) \\(host 127\\.0\\.0\\.1:(\\d+)\\),"
              + " AAGUID 83d56a1a-042a-45e2-ba46-4e6f5a3a1acd\\R");

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine() {
    CommandLine commandLine = KeyDeskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  @Test
  void servesOverUdpUntilInterruptedAndCreatesTheStateFile() throws Exception {
    Path state = dir.resolve("authenticator.cbor");
    try (DatagramSocket host =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      host.setSoTimeout(5000);
      AtomicInteger exit = new AtomicInteger(-1);
      CommandLine commandLine = commandLine();
      Thread runner =
          new Thread(
              () ->
                  exit.set(
                      commandLine.execute(
                          "simulator",
                          "--port",
                          "0",
                          "--host-port",
                          String.valueOf(host.getLocalPort()),
                          "--state",
                          state.toString(),
                          "--presence",
                          "delay:10")));
      runner.start();
      Matcher banner = awaitBanner();
      int devicePort = Integer.parseInt(banner.group(1));
      assertThat(Integer.parseInt(banner.group(2))).isEqualTo(host.getLocalPort());
      assertThat(Files.exists(state)).isTrue();

      byte[] init =
          CtapHidFrames.fragment(
                  CtapHidCommand.BROADCAST_CID,
                  CtapHidCommand.INIT,
                  HexFormat.of().parseHex("0102030405060708"))
              .get(0);
      host.send(
          new DatagramPacket(
              init, 64, new InetSocketAddress(InetAddress.getLoopbackAddress(), devicePort)));
      byte[] reply = new byte[64];
      host.receive(new DatagramPacket(reply, 64));
      assertThat(HexFormat.of().formatHex(reply, 0, 15))
          .isEqualTo("ffffffff860011" + "0102030405060708");

      runner.interrupt();
      runner.join(10_000);
      assertThat(runner.isAlive()).isFalse();
      assertThat(exit).hasValue(0);
      assertThat(out.toString()).endsWith("Simulator stopped." + System.lineSeparator());
    }
  }

  @Test
  void unknownPresencePolicyIsAUsageError() {
    int exit = commandLine().execute("simulator", "--port", "0", "--presence", "sometimes");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Unknown user-presence policy 'sometimes'; use approve, deny or delay:MS"
                + " (milliseconds, such as delay:1500).");
  }

  @Test
  void damagedStateFileIsRefused() throws Exception {
    Path state = dir.resolve("authenticator.cbor");
    Files.writeString(state, "garbage");
    int exit =
        commandLine()
            .execute("simulator", "--port", "0", "--host-port", "0", "--state", state.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith(
            "keydesk: The authenticator state file " + state.toAbsolutePath() + " is damaged (")
        .contains("move it aside");
    assertThat(Files.readString(state)).isEqualTo("garbage");
  }

  private Matcher awaitBanner() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Matcher matcher = BANNER.matcher(out.toString());
      if (matcher.find()) {
        return matcher;
      }
      Thread.sleep(20); // polling the output of another thread; bounded by the deadline
    }
    throw new AssertionError("no banner within 10 s; output: " + out + " errors: " + err);
  }
}
