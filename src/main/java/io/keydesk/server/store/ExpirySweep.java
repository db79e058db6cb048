package io.keydesk.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides when an in-memory map should drop its dead entries: at most once per interval of the
 * injected clock, and by exactly one of the threads that notice it is due (so the sweep cost is
 * amortised over the accesses of a whole interval and tests drive it by moving the clock).
 */
public final class ExpirySweep {
  private final Duration interval;
  private final AtomicReference<Instant> next;

  public ExpirySweep(Duration interval, Instant start) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the sweep interval must be positive");
    }
    this.interval = interval;
    this.next = new AtomicReference<>(start.plus(interval));
  }

  /** True for the one caller that should sweep now; it must then sweep. */
  public boolean due(Instant now) {
    Instant scheduled = next.get();
    return !now.isBefore(scheduled) && next.compareAndSet(scheduled, now.plus(interval));
  }
}
