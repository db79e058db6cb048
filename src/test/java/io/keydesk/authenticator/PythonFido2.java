package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Debian python3-fido2 script of {@code src/test/python/interop} (they reach the device
 * through {@code udp_hid.py} there) against a software authenticator served by the UDP simulator on
 * ephemeral ports. Skips the test, saying what to install, when /usr/bin/python3 or its fido2
 * module is missing.
 */
final class PythonFido2 {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPTS = Path.of("src/test/python/interop");

  /** What the script printed (stdout and stderr together) and its exit code. */
  record Result(String output, int exitValue) {}

  private PythonFido2() {}

  /**
   * Runs {@code script} (a file name in src/test/python/interop) with the simulator's device port
   * as its one argument, and waits up to 60 s for it to end.
   */
  static Result run(String script, SoftwareAuthenticator authenticator) throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing; install python3-fido2");
    assumeTrue(
        exitCode(PYTHON.toString(), "-c", "import fido2") == 0,
        "the fido2 module is missing from /usr/bin/python3; install python3-fido2");
    try (UdpSimulatorServer server =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true))) {
      Process process =
          new ProcessBuilder(
                  PYTHON.toString(),
                  SCRIPTS.resolve(script).toString(),
                  String.valueOf(server.deviceAddress().getPort()))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Result(output, process.exitValue());
    }
  }

  private static int exitCode(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }
}
