package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 5: an independent CTAPHID/CTAP2 client (Debian's python3-fido2) talks to the software
 * authenticator over UDP on ephemeral ports. Skipped when /usr/bin/python3 lacks fido2.
 */
class PythonFido2InteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path dir;

  @Test
  void pythonFido2PingsWinksAndReadsInfo() throws Exception {
    assumeTrue(
        Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import fido2") == 0,
        "python3-fido2 is not installed");
    Path script = dir.resolve("check.py");
    try (InputStream in = getClass().getResourceAsStream("python_fido2_udp_check.py")) {
      Files.copy(in, script);
    }
    try (SoftwareAuthenticator authenticator =
            SoftwareAuthenticator.builder()
                .userPresence(UserPresence.approveAfter(Duration.ofMillis(250)))
                .build();
        UdpSimulatorServer server =
            UdpSimulatorServer.start(
                authenticator.responder(),
                UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true))) {
      Process process =
          new ProcessBuilder(
                  PYTHON.toString(),
                  script.toString(),
                  String.valueOf(server.deviceAddress().getPort()))
              .redirectErrorStream(true)
              .start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output)
          .isEqualTo(
              String.join(
                  "\n",
                  "capabilities=0xd version=1.0.0",
                  "ping=ok",
                  "versions=FIDO_2_0,FIDO_2_1 aaguid=83d56a1a042a45e2ba464e6f5a3a1acd"
                      + " maxMsgSize=1200",
                  "selection=ok",
                  ""));
      assertThat(process.exitValue()).isZero();
    }
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }
}
