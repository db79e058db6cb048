package io.keydesk.server.ratelimit;

import io.keydesk.server.problem.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets. A bucket starts full; each attempt takes a token; tokens come back one
 * per {@code per/quota}. Buckets live in memory: a restart forgives, which a reference RP accepts.
 */
public final class RateLimiter {
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  private static final class Bucket {
    double tokens;
    Instant updated;

    Bucket(double tokens, Instant updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  /**
   * Takes one token from the bucket of {@code limit} for {@code key}.
   *
   * @throws ApiException 429 with Retry-After when the bucket is empty
   */
  public void take(Limit limit, String key, String what) {
    Instant now = clock.instant();
    Bucket bucket =
        buckets.computeIfAbsent(limit.name() + "|" + key, k -> new Bucket(limit.quota(), now));
    synchronized (bucket) {
      refill(limit, bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      double missing = 1 - bucket.tokens;
      Duration wait = Duration.ofNanos((long) Math.ceil(missing * limit.refillInterval().toNanos()));
      throw ApiException.rateLimited(
          "Too many " + what + ". Wait " + Math.max(1, wait.toSeconds()) + " s and try again.",
          wait);
    }
  }

  private static void refill(Limit limit, Bucket bucket, Instant now) {
    long elapsed = Duration.between(bucket.updated, now).toNanos();
    if (elapsed > 0) {
      double gained = (double) elapsed / limit.refillInterval().toNanos();
      bucket.tokens = Math.min(limit.quota(), bucket.tokens + gained);
      bucket.updated = now;
    }
  }
}
