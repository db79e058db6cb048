package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.base.GreenMailOperations;
import io.keydesk.server.mail.SmtpMailer;
import io.keydesk.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;

/**
 * A running relying party over real HTTPS on loopback (ephemeral port), email through GreenMail, a
 * movable clock, and an OkHttp client that trusts exactly the server's generated certificate.
 */
final class RpHarness implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern CODE = Pattern.compile("code is (\\d{6})");

  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
  final RelyingPartyServer server;
  final OkHttpClient http;
  final GreenMailOperations mail;
  final Path dataDir;

  /** One answer: status, headers, parsed body (or an empty object). */
  record Answer(int status, String contentType, String retryAfter, JsonNode body) {
    String text(String field) {
      return body.path(field).asText();
    }

    Answer expect(int expected) {
      assertThat(status).as("HTTP status, body %s", body).isEqualTo(expected);
      return this;
    }

    /** Asserts an RFC 9457 problem of the given slug. */
    Answer expectProblem(int expected, String slug) {
      expect(expected);
      assertThat(contentType).startsWith("application/problem+json");
      assertThat(text("type")).isEqualTo("urn:keydesk:problem:" + slug);
      assertThat(body.path("status").asInt()).isEqualTo(expected);
      assertThat(text("title")).isNotBlank();
      assertThat(text("detail")).isNotBlank();
      return this;
    }
  }

  /** A server with the FIDO conformance endpoints on (as {@code keydesk server --conformance}). */
  RpHarness(GreenMailOperations mail, Path dataDir) {
    this(mail, dataDir, true);
  }

  RpHarness(GreenMailOperations mail, Path dataDir, boolean conformance) {
    this.mail = mail;
    this.dataDir = dataDir;
    int smtpPort = mail.getSmtp().getPort();
    server =
        RelyingPartyServer.start(
            new ServerOptions(
                dataDir,
                "localhost",
                "127.0.0.1",
                0,
                new SmtpMailer("127.0.0.1", smtpPort, "rp@localhost"),
                clock,
                conformance));
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder().addTrustedCertificate(server.certificate()).build();
    http =
        new OkHttpClient.Builder()
            .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
            .build();
  }

  String url(String path) {
    return "https://localhost:" + server.port() + path;
  }

  Answer call(String method, String path, String token, Object body) {
    RequestBody requestBody = null;
    if (body != null) {
      try {
        String text = body instanceof String s ? s : MAPPER.writeValueAsString(body);
        requestBody = RequestBody.create(text, JSON);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else if (!method.equals("GET") && !method.equals("DELETE")) {
      requestBody = RequestBody.create(new byte[0], null);
    }
    Request.Builder request = new Request.Builder().url(url(path)).method(method, requestBody);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      String text = response.body().string();
      JsonNode parsed = text.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(text);
      return new Answer(
          response.code(),
          response.header("Content-Type", ""),
          response.header("Retry-After"),
          parsed);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Answer post(String path, String token, Object body) {
    return call("POST", path, token, body);
  }

  void signUp(String email) {
    post("/api/v1/accounts", null, java.util.Map.of("email", email, "password", PASSWORD))
        .expect(201);
  }

  Answer login(String email) {
    return post("/api/v1/sessions", null, java.util.Map.of("email", email, "password", PASSWORD));
  }

  /** Signs up and logs in; returns the session token. */
  String account(String email) {
    signUp(email);
    return login(email).expect(201).text("token");
  }

  /** Requests a code, reads it from the newest email to {@code email}. */
  String emailedCode(String token, String email) {
    post("/api/v1/sudo/code", token, null).expect(200);
    return lastCode(email);
  }

  String lastCode(String email) {
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

  /** Opens sudo mode on the session by the emailed code. */
  void sudo(String token, String email) {
    String code = emailedCode(token, email);
    post("/api/v1/sudo", token, java.util.Map.of("code", code)).expect(200);
  }

  @Override
  public void close() {
    server.close();
  }
}
