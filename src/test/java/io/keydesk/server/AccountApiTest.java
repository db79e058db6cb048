package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sign-up, login, sessions and account changes over real HTTPS. */
class AccountApiTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.SMTP.dynamicPort());

  @TempDir Path dir;
  RpHarness rp;

  @BeforeEach
  void start() {
    rp = new RpHarness(mail, dir);
  }

  @AfterEach
  void stop() {
    rp.close();
  }

  @Test
  void signUpLogInReadAccountLogOut() {
    rp.post("/api/v1/accounts", null, Map.of("email", " Ada@Example.com ", "password", "pw-123456"))
        .expect(201);
    var session =
        rp.post("/api/v1/sessions", null, Map.of("email", "ada@example.com", "password", "pw-123456"))
            .expect(201);
    assertThat(session.text("state")).isEqualTo("authenticated");
    String token = session.text("token");
    assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
    assertThat(session.text("expiresAt")).isEqualTo("2030-01-01T22:00:00Z");

    var account = rp.call("GET", "/api/v1/account", token, null).expect(200);
    assertThat(account.text("email")).isEqualTo("ada@example.com");
    assertThat(account.body().path("twoFactor").path("active").asBoolean()).isFalse();
    assertThat(account.body().path("sudoUntil").isNull()).isTrue();

    rp.call("DELETE", "/api/v1/sessions/current", token, null).expect(204);
    rp.call("GET", "/api/v1/account", token, null).expectProblem(401, "unauthenticated");
  }

  @Test
  void refusesDuplicatesBadInputAndWrongPasswords() {
    rp.signUp("bob@example.com");
    rp.post("/api/v1/accounts", null, Map.of("email", "BOB@example.com", "password", "whatever1"))
        .expectProblem(409, "email-taken");
    rp.post("/api/v1/accounts", null, Map.of("email", "not-an-address", "password", "whatever1"))
        .expectProblem(400, "invalid-email");
    rp.post("/api/v1/accounts", null, Map.of("email", "c@example.com", "password", "short"))
        .expectProblem(400, "weak-password");
    rp.post("/api/v1/sessions", null, Map.of("email", "bob@example.com", "password", "wrong-one"))
        .expectProblem(401, "bad-credentials");
    rp.post("/api/v1/sessions", null, Map.of("email", "nobody@example.com", "password", "x"))
        .expectProblem(401, "bad-credentials");
  }

  @Test
  void everyErrorIsProblemJson() {
    rp.call("GET", "/api/v1/no-such-thing", null, null).expectProblem(404, "not-found");
    rp.post("/api/v1/accounts", null, "{not json").expectProblem(400, "invalid-request");
    rp.post("/api/v1/accounts", null, Map.of("email", "a@b.c", "password", "x", "extra", 1))
        .expectProblem(400, "invalid-request");
    rp.call("GET", "/api/v1/account", null, null).expectProblem(401, "unauthenticated");
    rp.call("GET", "/api/v1/account", "garbage", null).expectProblem(401, "unauthenticated");
    rp.post("/attestation/options", null, Map.of("username", "x")).expect(200);
  }

  @Test
  void conformanceEndpointsAre404ProblemsUnlessEnabled() {
    rp.close();
    rp = new RpHarness(mail, dir, false);
    for (String path :
        new String[] {
          "/attestation/options", "/attestation/result", "/assertion/options", "/assertion/result"
        }) {
      var answer = rp.post(path, null, Map.of("username", "x")).expectProblem(404, "not-found");
      assertThat(answer.text("detail")).isEqualTo("No endpoint POST " + path + ". The API is described in docs/rp-api.md.");
    }
    // No conformance user was made.
    try (var db = io.keydesk.server.store.Database.open(dir)) {
      assertThat(
              new io.keydesk.server.store.UserDao(db)
                  .byEmail(io.keydesk.server.store.UserKind.CONFORMANCE, "x"))
          .isEmpty();
    }
  }

  @Test
  void sessionsExpireAfterTwelveHours() {
    String token = rp.account("eve@example.com");
    rp.clock.advance(Duration.ofHours(12).minusSeconds(1));
    rp.call("GET", "/api/v1/account", token, null).expect(200);
    rp.clock.advance(Duration.ofSeconds(1));
    var expired = rp.call("GET", "/api/v1/account", token, null).expectProblem(401, "unauthenticated");
    assertThat(expired.text("detail")).contains("expired");
  }

  @Test
  void sensitiveChangesNeedSudoThenWork() {
    String token = rp.account("fay@example.com");
    rp.call("PUT", "/api/v1/account/email", token, Map.of("email", "fay2@example.com"))
        .expectProblem(403, "sudo-required");
    rp.call("PUT", "/api/v1/account/password", token, Map.of("password", "new password 1"))
        .expectProblem(403, "sudo-required");
    rp.call("DELETE", "/api/v1/account", token, null).expectProblem(403, "sudo-required");

    String other = rp.login("fay@example.com").expect(201).text("token");
    rp.sudo(token, "fay@example.com");
    var changed =
        rp.call("PUT", "/api/v1/account/email", token, Map.of("email", "fay2@example.com"))
            .expect(200);
    assertThat(changed.text("email")).isEqualTo("fay2@example.com");
    rp.call("PUT", "/api/v1/account/password", token, Map.of("password", "new password 1"))
        .expect(204);
    // The password change ends every other session.
    rp.call("GET", "/api/v1/account", other, null).expectProblem(401, "unauthenticated");
    rp.post("/api/v1/sessions", null, Map.of("email", "fay2@example.com", "password", "new password 1"))
        .expect(201);

    rp.call("DELETE", "/api/v1/account", token, null).expect(204);
    rp.call("GET", "/api/v1/account", token, null).expectProblem(401, "unauthenticated");
    rp.post("/api/v1/sessions", null, Map.of("email", "fay2@example.com", "password", "new password 1"))
        .expectProblem(401, "bad-credentials");
  }
}
