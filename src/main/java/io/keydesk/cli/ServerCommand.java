package io.keydesk.cli;

import io.keydesk.server.RelyingPartyServer;
import io.keydesk.server.ServerOptions;
import io.keydesk.server.mail.Mailer;
import io.keydesk.server.mail.OutboxMailer;
import io.keydesk.server.mail.SmtpMailer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keydesk server}: runs the reference relying party (docs/rp-api.md) until interrupted. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the reference relying party (HTTPS JSON API of docs/rp-api.md).")
final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "" + ServerOptions.DEFAULT_PORT,
      description = "TLS port (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--data",
      required = true,
      description = "Directory for the database and the TLS certificate.")
  Path data;

  @Option(
      names = "--rp-id",
      defaultValue = ServerOptions.DEFAULT_RP_ID,
      description = "WebAuthn RP ID (host name). Default: ${DEFAULT-VALUE}.")
  String rpId;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String bind;

  @Option(
      names = "--mail-from",
      defaultValue = "keydesk@localhost",
      description = "Sender of emailed codes. Default: ${DEFAULT-VALUE}.")
  String mailFrom;

  @Option(
      names = "--conformance",
      description =
          "Also serve the FIDO conformance-tools API (/attestation/*, /assertion/*): unauthenticated"
              + " and creating a user per /attestation/options call, limited to 120 requests a"
              + " minute per IP. Only for running the FIDO conformance tools. Default: off.")
  boolean conformance;

  @ArgGroup(multiplicity = "0..1")
  MailTarget mail;

  static final class MailTarget {
    @Option(names = "--smtp", description = "Send email through this SMTP server (HOST:PORT).")
    String smtp;

    @Option(names = "--outbox", description = "Write emails as .eml files into this directory (default: DATA/outbox).")
    Path outbox;
  }

  @Override
  public Integer call() throws Exception {
    ServerOptions options;
    try {
      options =
          new ServerOptions(data, rpId, bind, port, mailer(), Clock.systemUTC(), conformance);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (RelyingPartyServer server = RelyingPartyServer.start(options)) {
      var out = spec.commandLine().getOut();
      out.printf("KeyDesk relying party for RP ID %s%n", rpId);
      out.printf("Listening on https://%s:%d/api/v1/%n", bind, server.port());
      out.printf("Certificate %s%n", data.resolve("tls-cert.pem").toAbsolutePath());
      out.printf("SHA-256 fingerprint %s%n", server.fingerprint());
      if (conformance) {
        out.printf(
            "FIDO conformance endpoints on at https://%s:%d/attestation/options%n",
            bind, server.port());
      }
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "keydesk-server-stop"));
      stopped.await();
    }
    return KeyDeskCommand.EXIT_OK;
  }

  private Mailer mailer() throws UsageException {
    if (mail == null) {
      return new OutboxMailer(data.resolve("outbox"), mailFrom);
    }
    if (mail.outbox != null) {
      return new OutboxMailer(mail.outbox, mailFrom);
    }
    int colon = mail.smtp.lastIndexOf(':');
    if (colon <= 0 || colon == mail.smtp.length() - 1) {
      throw new UsageException("--smtp must be HOST:PORT, e.g. localhost:25, not " + mail.smtp);
    }
    try {
      return new SmtpMailer(
          mail.smtp.substring(0, colon), Integer.parseInt(mail.smtp.substring(colon + 1)), mailFrom);
    } catch (NumberFormatException e) {
      throw new UsageException("The port in --smtp " + mail.smtp + " is not a number.");
    }
  }
}
