package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.BaseEncoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TOTP enrolment and login fallback, backup codes, the 300 s second step. */
class SecondFactorApiTest extends ApiTestBase {
  private static final String EMAIL = "tia@example.com";

  private byte[] enrolTotp(String token) {
    rp.post("/api/v1/totp", token, null).expectProblem(403, "sudo-required");
    rp.sudo(token, EMAIL);
    var started = rp.post("/api/v1/totp", token, null).expect(200);
    assertThat(started.text("otpauthUri"))
        .startsWith("otpauth://totp/KeyDesk%3Atia%40example.com?secret=" + started.text("secret"));
    byte[] secret = BaseEncoding.base32().decode(started.text("secret"));
    assertThat(secret).hasSize(20);
    var confirmed =
        rp.post("/api/v1/totp/confirm", token, Map.of("code", code(secret, 0))).expect(200);
    assertThat(confirmed.body().path("twoFactor").path("active").asBoolean()).isTrue();
    assertThat(confirmed.body().path("twoFactor").path("totp").asBoolean()).isTrue();
    return secret;
  }

  private String code(byte[] secret, int stepsFromNow) {
    return RfcTotp.generate(secret, rp.clock.instant().getEpochSecond() + 30L * stepsFromNow, 6);
  }

  @Test
  void totpLoginFallbackEachCodeOnceWithOneStepOfDrift() {
    String token = rp.account(EMAIL);
    byte[] secret = enrolTotp(token);
    rp.clock.advance(Duration.ofSeconds(30));

    var step = rp.login(EMAIL).expect(200);
    assertThat(step.text("state")).isEqualTo("second_factor_required");
    assertThat(step.body().path("methods").toString()).isEqualTo("[\"totp\"]");
    assertThat(step.body().path("publicKey").isNull()).isTrue();
    String loginId = step.text("loginId");

    rp.post("/api/v1/sessions/totp", null, Map.of("loginId", loginId, "code", code(secret, -2)))
        .expectProblem(400, "invalid-code");
    var session =
        rp.post("/api/v1/sessions/totp", null, Map.of("loginId", loginId, "code", code(secret, 1)))
            .expect(201);
    rp.call("GET", "/api/v1/account", session.text("token"), null).expect(200);
    // The login is used up, and the same code cannot log in again.
    rp.post("/api/v1/sessions/totp", null, Map.of("loginId", loginId, "code", code(secret, 1)))
        .expectProblem(410, "ceremony-expired");
    String second = rp.login(EMAIL).expect(200).text("loginId");
    rp.post("/api/v1/sessions/totp", null, Map.of("loginId", second, "code", code(secret, 1)))
        .expectProblem(400, "invalid-code");
    rp.post("/api/v1/sessions/totp", null, Map.of("loginId", second, "code", code(secret, 0)))
        .expectProblem(400, "invalid-code"); // older than the last used step
  }

  @Test
  void concurrentTotpCodesForOneLoginGiveExactlyOneSession() throws Exception {
    String token = rp.account(EMAIL);
    byte[] secret = enrolTotp(token);
    rp.clock.advance(Duration.ofSeconds(90));
    String loginId = rp.login(EMAIL).expect(200).text("loginId");
    // Three valid codes (one step of drift either side), sent at the same moment.
    List<String> codes = List.of(code(secret, -1), code(secret, 0), code(secret, 1));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(codes.size());
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (String c : codes) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return rp.post(
                          "/api/v1/sessions/totp", null, Map.of("loginId", loginId, "code", c))
                      .status();
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get(30, TimeUnit.SECONDS));
      }
      assertThat(statuses).as("statuses %s", statuses).containsOnlyOnce(201);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void backupCodeWorksOnce() {
    String token = rp.account(EMAIL);
    enrolTotp(token);
    var generated = rp.post("/api/v1/backup-codes", token, null).expect(200);
    List<String> codes = new ArrayList<>();
    generated.body().path("codes").forEach(c -> codes.add(c.asText()));
    assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));

    var step = rp.login(EMAIL).expect(200);
    assertThat(step.body().path("methods").toString()).isEqualTo("[\"totp\",\"backup_code\"]");
    rp.post(
            "/api/v1/sessions/backup-code",
            null,
            Map.of("loginId", step.text("loginId"), "code", codes.get(3).toUpperCase()))
        .expect(201);
    String again = rp.login(EMAIL).expect(200).text("loginId");
    rp.post("/api/v1/sessions/backup-code", null, Map.of("loginId", again, "code", codes.get(3)))
        .expectProblem(400, "invalid-code");
    rp.post("/api/v1/sessions/backup-code", null, Map.of("loginId", again, "code", codes.get(4)))
        .expect(201);
    var account = rp.call("GET", "/api/v1/account", token, null).expect(200);
    assertThat(account.body().path("twoFactor").path("backupCodesRemaining").asInt()).isEqualTo(8);
  }

  @Test
  void secondStepMustFinishWithin300Seconds() {
    String token = rp.account(EMAIL);
    byte[] secret = enrolTotp(token);
    var step = rp.login(EMAIL).expect(200);
    assertThat(step.text("expiresAt")).isEqualTo(rp.clock.instant().plusSeconds(300).toString());
    rp.clock.advance(Duration.ofSeconds(300));
    rp.post(
            "/api/v1/sessions/totp",
            null,
            Map.of("loginId", step.text("loginId"), "code", code(secret, 0)))
        .expectProblem(410, "ceremony-expired");
  }

  @Test
  void removingTotpTurnsTwoFactorOff() {
    String token = rp.account(EMAIL);
    enrolTotp(token);
    var removed = rp.call("DELETE", "/api/v1/totp", token, null).expect(200);
    assertThat(removed.body().path("twoFactor").path("active").asBoolean()).isFalse();
    assertThat(rp.login(EMAIL).expect(201).text("state")).isEqualTo("authenticated");
  }

  @Test
  void secondFactorAttemptsAreRateLimited() {
    String token = rp.account(EMAIL);
    byte[] secret = enrolTotp(token);
    String loginId = rp.login(EMAIL).expect(200).text("loginId");
    String wrong = code(secret, 0).equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 6; i++) {
      rp.post("/api/v1/sessions/totp", null, Map.of("loginId", loginId, "code", wrong))
          .expectProblem(400, "invalid-code");
    }
    var limited =
        rp.post("/api/v1/sessions/totp", null, Map.of("loginId", loginId, "code", wrong))
            .expectProblem(429, "rate-limited");
    assertThat(limited.retryAfter()).isEqualTo("10");
  }
}
