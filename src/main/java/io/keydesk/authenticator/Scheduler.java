package io.keydesk.authenticator;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The software authenticator's only source of time: message timeouts, keepalive ticks, user
 * presence timeouts and delayed approvals are all scheduled here. Production code uses {@link
 * #system(String)}; tests inject a manual scheduler and advance time explicitly, which makes timing
 * behaviour deterministic.
 */
public interface Scheduler {
  /**
   * Runs {@code action} once after {@code delay}. The action may run on another thread and must not
   * block.
   */
  Task schedule(Duration delay, Runnable action);

  /** A scheduled action that has not run yet can be cancelled; cancelling later is harmless. */
  interface Task {
    void cancel();
  }

  /** A scheduler backed by one daemon thread; close it when done. */
  static SystemScheduler system(String threadName) {
    return new SystemScheduler(threadName);
  }

  /** The real-time {@link Scheduler}: one daemon thread. */
  final class SystemScheduler implements Scheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    private SystemScheduler(String threadName) {
      executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Task schedule(Duration delay, Runnable action) {
      ScheduledFuture<?> future = executor.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }
}
