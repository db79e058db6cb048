package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tier 5: Debian's python3-fido2 (its Ctap2 and ClientPin, over the small UDP connection class in
 * src/test/python/interop/fido2_interop.py) sets a PIN, registers with a PIN token, signs in and
 * verifies attestation and signature against the software authenticator with its CTAP2 logic.
 * Skipped when /usr/bin/python3 or its fido2 module is missing.
 */
class Fido2InteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("src/test/python/interop/fido2_interop.py");

  @Test
  void pythonFido2RegistersAndSignsInWithAPin() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing; install python3-fido2");
    assumeTrue(
        run(PYTHON.toString(), "-c", "import fido2") == 0,
        "the fido2 module is missing from /usr/bin/python3; install python3-fido2");
    try (SoftwareAuthenticator authenticator =
            SoftwareAuthenticator.builder().handler(Ctap2CommandHandler::new).build();
        UdpSimulatorServer server =
            UdpSimulatorServer.start(
                authenticator.responder(),
                UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true))) {
      Process process =
          new ProcessBuilder(
                  PYTHON.toString(),
                  SCRIPT.toString(),
                  String.valueOf(server.deviceAddress().getPort()))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(output)
          .isEqualTo(
              String.join(
                  "\n",
                  "info versions=FIDO_2_0,FIDO_2_1 clientPin=False protocols=[2, 1]",
                  "setPin ok clientPin=True retries=8",
                  "makeCredential fmt=packed up=True uv=True rpIdHash=True",
                  "attestation verified type=BASIC chain=1",
                  "getAssertion signature verified uv=True counter_increased=True",
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
