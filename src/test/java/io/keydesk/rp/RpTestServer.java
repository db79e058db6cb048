package io.keydesk.rp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.BaseEncoding;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.keydesk.server.RelyingPartyServer;
import io.keydesk.server.RfcTotp;
import io.keydesk.server.ServerOptions;
import io.keydesk.server.mail.SmtpMailer;
import io.keydesk.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference RP over real HTTPS on loopback (ephemeral port, its own self-signed certificate),
 * email through GreenMail, a movable clock; plus what the client under test does not do itself
 * (TOTP enrolment), done through the client's own HTTP plumbing.
 */
public final class RpTestServer implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";
  private static final Pattern CODE = Pattern.compile("code is (\\d{6})");

  public final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
  public final RelyingPartyServer server;
  private final GreenMailExtension mail;

  public RpTestServer(GreenMailExtension mail, Path dataDir) {
    this.mail = mail;
    server =
        RelyingPartyServer.start(
            new ServerOptions(
                dataDir,
                "localhost",
                "127.0.0.1",
                0,
                new SmtpMailer("127.0.0.1", mail.getSmtp().getPort(), "rp@localhost"),
                clock));
  }

  public String url() {
    return "https://localhost:" + server.port();
  }

  public RpEndpoint endpoint() {
    return RpEndpoint.parse(url());
  }

  public TrustDecision pinned() {
    return TrustDecision.pinned(server.fingerprint());
  }

  public RelyingPartyClient client() {
    return new RelyingPartyClient(endpoint(), pinned());
  }

  public void signUp(String email) {
    client().signUp(email, PASSWORD.toCharArray());
  }

  /** The six-digit code in the newest email to {@code email}. */
  public String lastCode(String email) {
    try {
      MimeMessage[] messages = mail.getReceivedMessagesForDomain(email);
      assertThat(messages).as("emails to %s", email).isNotEmpty();
      Matcher matcher = CODE.matcher(String.valueOf(messages[messages.length - 1].getContent()));
      assertThat(matcher.find()).isTrue();
      return matcher.group(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public int emailsTo(String email) {
    return mail.getReceivedMessagesForDomain(email).length;
  }

  /** Enrols and confirms TOTP on a sudo session; returns the secret. */
  public byte[] enrolTotp(RpSession session, String email) {
    RpHttp http = new RpHttp(endpoint(), pinned(), RpClientOptions.DEFAULT);
    new SudoFlow(client())
        .enter(session, (request, problem) -> java.util.Optional.of(lastCode(email)));
    byte[] secret =
        BaseEncoding.base32()
            .decode(
                http.post("api/v1/totp", java.util.Optional.of(session.token()), null)
                    .path("secret")
                    .asText());
    http.post(
        "api/v1/totp/confirm",
        java.util.Optional.of(session.token()),
        Map.of("code", totp(secret, 0)));
    return secret;
  }

  /** The TOTP code {@code steps} 30-second steps from the server's clock. */
  public String totp(byte[] secret, int steps) {
    return RfcTotp.generate(secret, clock.instant().getEpochSecond() + 30L * steps, 6);
  }

  public void advance(Duration by) {
    clock.advance(by);
  }

  @Override
  public void close() {
    server.close();
  }
}
