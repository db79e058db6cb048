package io.keydesk.hid;

import java.time.Duration;

/** One time budget for a whole operation; every read gets only what remains of it. */
final class Deadline {
  private final Ticker ticker;
  private final long endNanos;

  private Deadline(Ticker ticker, long endNanos) {
    this.ticker = ticker;
    this.endNanos = endNanos;
  }

  static Deadline after(Ticker ticker, Duration budget) {
    return new Deadline(ticker, ticker.nanoTime() + budget.toNanos());
  }

  Duration remaining() {
    long left = endNanos - ticker.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  boolean hasPassed() {
    return endNanos - ticker.nanoTime() <= 0;
  }
}
