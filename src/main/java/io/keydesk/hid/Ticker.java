package io.keydesk.hid;

import java.time.Duration;

/**
 * The time source of {@link CtapHidDevice}; tests substitute a fake clock so deadlines are exact.
 */
interface Ticker {
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          Thread.sleep(Math.max(0, duration.toMillis()));
        }
      };

  long nanoTime();

  void sleep(Duration duration) throws InterruptedException;
}
