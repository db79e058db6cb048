package io.keydesk.server.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** A token bucket: {@code quota} tokens that refill evenly over {@code per}. */
public record Limit(String name, int quota, Duration per) {
  public Limit {
    Objects.requireNonNull(name, "name");
    if (quota < 1 || per.isZero() || per.isNegative()) {
      throw new IllegalArgumentException("a limit needs a positive quota and period");
    }
  }

  /** Time for one token to come back. */
  Duration refillInterval() {
    return per.dividedBy(quota);
  }
}
