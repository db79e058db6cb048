package io.keydesk.server.ratelimit;

import io.keydesk.server.problem.ApiException;
import io.keydesk.server.store.ExpirySweep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets, kept exactly (no floating point) as a "theoretical arrival time": a
 * bucket is full when that time is in the past; each attempt moves it one refill interval ({@code
 * per/quota}) forward; an attempt is refused when the bucket would need more than {@code quota}
 * intervals. Buckets live in memory: a restart forgives, which a reference RP accepts. A bucket
 * whose arrival time has passed is full, the same as no entry, so it is dropped: at most once per
 * {@link #SWEEP_INTERVAL} of the injected clock, one taker sweeps the map (amortised over every
 * take of that interval), and the map holds only buckets that still limit someone.
 */
public final class RateLimiter {
  /** How often (by the injected clock) a take also drops every full bucket. */
  public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, Instant> arrival = new ConcurrentHashMap<>();
  private final ExpirySweep sweep;

  public RateLimiter(Clock clock) {
    this.clock = clock;
    this.sweep = new ExpirySweep(SWEEP_INTERVAL, clock.instant());
  }

  /** Buckets held (those not yet full, plus full ones the next sweep drops). */
  int size() {
    return arrival.size();
  }

  /**
   * Takes one token from the bucket of {@code limit} for {@code key}.
   *
   * @throws ApiException 429 with Retry-After when the bucket is empty
   */
  public void take(Limit limit, String key, String what) {
    Instant now = clock.instant();
    if (sweep.due(now)) {
      // Conditional per entry (ConcurrentHashMap removes only an unchanged value), so a bucket
      // updated by a concurrent take is kept.
      arrival.values().removeIf(tat -> !tat.isAfter(now));
    }
    Duration interval = limit.refillInterval();
    Duration burst = interval.multipliedBy(limit.quota() - 1L);
    Duration[] wait = {Duration.ZERO};
    arrival.compute(
        limit.name() + "|" + key,
        (k, previous) -> {
          Instant tat = previous == null || previous.isBefore(now) ? now : previous;
          Duration ahead = Duration.between(now, tat);
          if (ahead.compareTo(burst) > 0) {
            wait[0] = ahead.minus(burst);
            return previous;
          }
          return tat.plus(interval);
        });
    if (!wait[0].isZero()) {
      throw ApiException.rateLimited(
          "Too many " + what + ". Wait " + Math.max(1, wait[0].toSeconds()) + " s and try again.",
          wait[0]);
    }
  }
}
