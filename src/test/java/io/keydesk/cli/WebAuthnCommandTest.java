package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI refuses bad options before it looks for a device, and reports the DOMException name. */
class WebAuthnCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = KeyDeskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private Path options(String json) throws Exception {
    Path file = dir.resolve("options.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void createWithAForeignRpIdIsASecurityErrorBeforeAnyDevice() throws Exception {
    Path file =
        options(
            "{\"rp\":{\"id\":\"evil.com\",\"name\":\"E\"},\"user\":{\"id\":\"AQ\",\"name\":\"a\","
                + "\"displayName\":\"A\"},\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAA\","
                + "\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-7}]}");
    // The device is a UDP port nobody listens on; it must never be opened.
    int exit =
        run(
            "--device",
            "udp:127.0.0.1:9",
            "webauthn",
            "create",
            "--origin",
            "https://example.com",
            "--options",
            file.toString());
    assertThat(exit).isEqualTo(KeyDeskCommand.EXIT_FAILED);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .startsWith(
            "keydesk: SecurityError: origin https://example.com may not use RP ID evil.com");
  }

  @Test
  void getFromAnIpOriginIsRefused() throws Exception {
    Path file = options("{\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAA\"}");
    int exit =
        run("webauthn", "get", "--origin", "https://192.0.2.1", "--options", file.toString());
    assertThat(exit).isEqualTo(KeyDeskCommand.EXIT_FAILED);
    assertThat(err.toString()).contains("SecurityError").contains("an IP address");
  }

  @Test
  void pinOnStdinNeedsAnOptionsFile() {
    int exit = run("webauthn", "get", "--origin", "https://example.com", "--pin-stdin");
    assertThat(exit).isEqualTo(KeyDeskCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("--pin-stdin reads the PIN from stdin");
  }

  @Test
  void originIsRequired() {
    assertThat(run("webauthn", "create")).isEqualTo(KeyDeskCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("--origin");
  }
}
