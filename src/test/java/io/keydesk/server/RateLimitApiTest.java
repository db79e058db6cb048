package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Login attempts per IP: 20 per hour, then 429 with Retry-After, then recovery. */
class RateLimitApiTest extends ApiTestBase {
  @Test
  void loginAttemptsPerAddressHitAndRecover() {
    rp.signUp("lia@example.com");
    for (int i = 0; i < 20; i++) {
      rp.post("/api/v1/sessions", null, Map.of("email", "u" + i + "@example.com", "password", "x"))
          .expectProblem(401, "bad-credentials");
    }
    var limited = rp.login("lia@example.com").expectProblem(429, "rate-limited");
    assertThat(limited.retryAfter()).isEqualTo("180"); // one token per 3600/20 s
    rp.clock.advance(Duration.ofSeconds(179));
    rp.login("lia@example.com").expectProblem(429, "rate-limited");
    rp.clock.advance(Duration.ofSeconds(1));
    rp.login("lia@example.com").expect(201);
  }
}
