package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.rp.CertificatePinning;
import io.keydesk.server.RelyingPartyServer;
import io.keydesk.server.ServerOptions;
import io.keydesk.server.mail.OutboxMailer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code account add --yes} never pins a self-signed certificate on its own. */
class AccountAddTrustTest {
  @TempDir Path dir;
  private RelyingPartyServer server;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() {
    server =
        RelyingPartyServer.start(
            new ServerOptions(
                dir.resolve("rp"),
                "localhost",
                "127.0.0.1",
                0,
                new OutboxMailer(dir.resolve("outbox"), "rp@localhost"),
                Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String... args) {
    CommandLine commandLine = KeyDeskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private String url() {
    return "https://localhost:" + server.port();
  }

  @Test
  void yesWithoutPinFingerprintRefusesAndShowsTheFingerprint() {
    int exit =
        run("account", "add", "--data-dir", dir.resolve("cache").toString(), url(), "a@example.com",
            "--yes");

    assertThat(exit).isEqualTo(KeyDeskCommand.EXIT_USAGE);
    String display = CertificatePinning.display(server.fingerprint());
    assertThat(err.toString())
        .contains("SHA-256 fingerprint: " + display)
        .contains("was not pinned")
        .contains("--pin-fingerprint SHA256")
        .doesNotContain("Continuing (--yes)");
    assertThat(out.toString()).doesNotContain("Added account");

    out.getBuffer().setLength(0);
    run("account", "log", "--data-dir", dir.resolve("cache").toString());
    assertThat(err.toString()).doesNotContain("Added account");
  }

  @Test
  void pinFingerprintAddsTheAccount() {
    int exit =
        run("account", "add", "--data-dir", dir.resolve("cache").toString(), url(), "a@example.com",
            "--pin-fingerprint", server.fingerprint());

    assertThat(exit).as(err.toString()).isEqualTo(KeyDeskCommand.EXIT_OK);
    assertThat(out.toString()).contains("Added account").contains("Pinned certificate SHA-256");
  }
}
