package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sudo mode by emailed six-digit code: lifetime, single use, limits. */
class SudoApiTest extends ApiTestBase {
  private static final String EMAIL = "sam@example.com";

  @Test
  void emailedCodeOpensSudoForThirtyMinutesOnce() throws Exception {
    String token = rp.account(EMAIL);
    var request = rp.post("/api/v1/sudo/code", token, null).expect(200);
    assertThat(request.body().path("sent").asBoolean()).isTrue();
    assertThat(request.text("expiresAt")).isEqualTo("2030-01-01T10:15:00Z");
    var messages = mail.getReceivedMessagesForDomain(EMAIL);
    assertThat(messages).hasSize(1);
    assertThat(messages[0].getSubject()).matches("Your KeyDesk confirmation code: \\d{6}");
    String code = rp.lastCode(EMAIL);

    rp.post("/api/v1/sudo", token, Map.of("code", "000000".equals(code) ? "111111" : "000000"))
        .expectProblem(400, "invalid-code");
    var open = rp.post("/api/v1/sudo", token, Map.of("code", code)).expect(200);
    assertThat(open.text("sudoUntil")).isEqualTo("2030-01-01T10:30:00Z");
    assertThat(rp.call("GET", "/api/v1/account", token, null).text("sudoUntil"))
        .isEqualTo("2030-01-01T10:30:00Z");
    // single use
    rp.post("/api/v1/sudo", token, Map.of("code", code)).expectProblem(400, "invalid-code");

    rp.post("/api/v1/backup-codes", token, null).expect(200);
    rp.clock.advance(Duration.ofMinutes(30));
    rp.post("/api/v1/backup-codes", token, null).expectProblem(403, "sudo-required");
  }

  @Test
  void sudoBelongsToTheSessionThatConfirmed() {
    String token = rp.account(EMAIL);
    String other = rp.login(EMAIL).expect(201).text("token");
    rp.sudo(token, EMAIL);
    rp.post("/api/v1/backup-codes", token, null).expect(200);
    rp.post("/api/v1/backup-codes", other, null).expectProblem(403, "sudo-required");
  }

  @Test
  void noNewCodeWhileOneIsUnexpiredAndCodesExpire() {
    String token = rp.account(EMAIL);
    String first = rp.emailedCode(token, EMAIL);
    rp.clock.advance(Duration.ofMinutes(14));
    var again = rp.post("/api/v1/sudo/code", token, null).expect(200);
    assertThat(again.body().path("sent").asBoolean()).isFalse();
    assertThat(again.text("expiresAt")).isEqualTo("2030-01-01T10:15:00Z");
    assertThat(mail.getReceivedMessagesForDomain(EMAIL)).hasSize(1);

    rp.clock.advance(Duration.ofMinutes(1));
    rp.post("/api/v1/sudo", token, Map.of("code", first)).expectProblem(400, "invalid-code");
    var fresh = rp.post("/api/v1/sudo/code", token, null).expect(200);
    assertThat(fresh.body().path("sent").asBoolean()).isTrue();
    assertThat(mail.getReceivedMessagesForDomain(EMAIL)).hasSize(2);
    rp.post("/api/v1/sudo", token, Map.of("code", rp.lastCode(EMAIL))).expect(200);
  }

  @Test
  void tenCodesPerDayThen429WithRetryAfterAndRecovery() {
    String token = rp.account(EMAIL);
    // One code every 15 minutes (each expires before the next). The bucket holds 10 and refills
    // one token per 144 minutes, so the 11th request (t = 150 min) still passes, the 12th not.
    int sent = 0;
    RpHarness.Answer answer;
    while ((answer = rp.post("/api/v1/sudo/code", token, null)).status() == 200) {
      assertThat(answer.body().path("sent").asBoolean()).isTrue();
      sent++;
      rp.clock.advance(Duration.ofMinutes(15));
      assertThat(sent).isLessThanOrEqualTo(11);
    }
    assertThat(sent).isEqualTo(11);
    answer.expectProblem(429, "rate-limited");
    // At t = 165 min: 10 - 11 + 165/144 tokens; a whole token is 123 minutes away.
    assertThat(answer.retryAfter()).isEqualTo("7380");
    assertThat(answer.body().path("retryAfterSeconds").asLong()).isEqualTo(7380);
    rp.clock.advance(Duration.ofSeconds(7379));
    rp.post("/api/v1/sudo/code", token, null).expectProblem(429, "rate-limited");
    rp.clock.advance(Duration.ofSeconds(1));
    rp.post("/api/v1/sudo/code", token, null).expect(200);
  }

  @Test
  void wrongCodesAreRateLimited() {
    String token = rp.account(EMAIL);
    String code = rp.emailedCode(token, EMAIL);
    String wrong = code.equals("123456") ? "654321" : "123456";
    for (int i = 0; i < 6; i++) {
      rp.post("/api/v1/sudo", token, Map.of("code", wrong)).expectProblem(400, "invalid-code");
    }
    var limited = rp.post("/api/v1/sudo", token, Map.of("code", code)).expectProblem(429, "rate-limited");
    assertThat(limited.retryAfter()).isEqualTo("10");
    rp.clock.advance(Duration.ofSeconds(10));
    // The five wrong tries killed that code; a new one works.
    rp.post("/api/v1/sudo", token, Map.of("code", code)).expectProblem(400, "invalid-code");
    rp.clock.advance(Duration.ofSeconds(10));
    rp.post("/api/v1/sudo", token, Map.of("code", rp.emailedCode(token, EMAIL))).expect(200);
  }

  @Test
  void aCodeStopsWorkingAfterFiveWrongTries() {
    String token = rp.account(EMAIL);
    String code = rp.emailedCode(token, EMAIL);
    String wrong = code.equals("123456") ? "654321" : "123456";
    for (int left = 4; left >= 1; left--) {
      var answer =
          rp.post("/api/v1/sudo", token, Map.of("code", wrong)).expectProblem(400, "invalid-code");
      assertThat(answer.text("detail"))
          .isEqualTo(
              "The code is wrong. Check the latest email; "
                  + left
                  + (left == 1 ? " more try" : " more tries")
                  + " before this code stops working.");
    }
    var fifth =
        rp.post("/api/v1/sudo", token, Map.of("code", wrong)).expectProblem(400, "invalid-code");
    assertThat(fifth.text("detail"))
        .isEqualTo(
            "The code is wrong. After 5 wrong codes this code no longer works. Request a new code"
                + " with POST /api/v1/sudo/code and use the one in that email.");
    rp.clock.advance(Duration.ofMinutes(1)); // not the attempt limit: the code itself is gone
    var right =
        rp.post("/api/v1/sudo", token, Map.of("code", code)).expectProblem(400, "invalid-code");
    assertThat(right.text("detail")).contains("Request a new code with POST /api/v1/sudo/code");
    rp.post("/api/v1/backup-codes", token, null).expectProblem(403, "sudo-required");

    // A new code is sent at once (the dead one does not block it) and starts with 5 tries.
    var fresh = rp.post("/api/v1/sudo/code", token, null).expect(200);
    assertThat(fresh.body().path("sent").asBoolean()).isTrue();
    String second = rp.lastCode(EMAIL);
    String wrong2 = second.equals("123456") ? "654321" : "123456";
    rp.post("/api/v1/sudo", token, Map.of("code", wrong2)).expectProblem(400, "invalid-code");
    rp.post("/api/v1/sudo", token, Map.of("code", second)).expect(200);
  }
}
