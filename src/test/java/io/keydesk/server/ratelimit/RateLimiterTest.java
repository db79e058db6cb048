package io.keydesk.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.server.problem.ApiException;
import io.keydesk.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final Limit SIX_A_MINUTE = new Limit("t", 6, Duration.ofMinutes(1));
  private static final Limit TEN_A_DAY = new Limit("d", 10, Duration.ofDays(1));

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
  private final RateLimiter limiter = new RateLimiter(clock);

  @Test
  void fullBucketsAreForgottenOnceTheClockHasMoved() {
    for (int i = 0; i < 1000; i++) {
      limiter.take(SIX_A_MINUTE, "10.0.0." + i, "attempts");
    }
    limiter.take(TEN_A_DAY, "user", "codes");
    assertThat(limiter.size()).isEqualTo(1001);

    // One token each: full again after 10 s, but sweeps run at most once a minute.
    clock.advance(Duration.ofSeconds(30));
    limiter.take(SIX_A_MINUTE, "other", "attempts");
    assertThat(limiter.size()).isEqualTo(1002);

    clock.advance(Duration.ofSeconds(30)); // a minute since the start: the sweep runs
    limiter.take(SIX_A_MINUTE, "other", "attempts");
    // Only the day bucket (not yet full) and "other" (just taken) remain.
    assertThat(limiter.size()).isEqualTo(2);
  }

  @Test
  void sweepingForgetsNothingThatStillLimits() {
    for (int i = 0; i < 6; i++) {
      limiter.take(SIX_A_MINUTE, "ip", "attempts");
    }
    clock.advance(Duration.ofSeconds(59)); // 5 tokens back, bucket not full: kept
    clock.advance(Duration.ofSeconds(1)); // sweep due now; the bucket is exactly full again
    for (int i = 0; i < 6; i++) {
      limiter.take(SIX_A_MINUTE, "ip", "attempts");
    }
    assertThatThrownBy(() -> limiter.take(SIX_A_MINUTE, "ip", "attempts"))
        .isInstanceOf(ApiException.class)
        .hasMessage("Too many attempts. Wait 10 s and try again.");

    clock.advance(Duration.ofSeconds(61));
    limiter.take(SIX_A_MINUTE, "x", "attempts"); // sweeps: "ip" is full again, "x" just taken
    assertThat(limiter.size()).isEqualTo(1);
  }
}
