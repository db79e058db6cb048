package io.keydesk.hid;

import java.time.Duration;

/** A clock that moves only when told to (or when someone sleeps on it). */
final class FakeTicker implements Ticker {
  private long nanos = 1_000_000_000L;

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    nanos += duration.toNanos();
  }

  synchronized void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  synchronized Duration elapsedSince(long start) {
    return Duration.ofNanos(nanos - start);
  }
}
