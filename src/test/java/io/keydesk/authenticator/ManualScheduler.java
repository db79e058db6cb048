package io.keydesk.authenticator;

import java.time.Duration;
import java.util.PriorityQueue;

/** A {@link Scheduler} whose time moves only when a test calls {@link #advance(Duration)}. */
final class ManualScheduler implements Scheduler {
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  private static final class Entry implements Task {
    final long due;
    final long seq;
    final Runnable action;
    volatile boolean cancelled;

    Entry(long due, long seq, Runnable action) {
      this.due = due;
      this.seq = seq;
      this.action = action;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public synchronized Task schedule(Duration delay, Runnable action) {
    Entry entry = new Entry(now + delay.toNanos(), seq++, action);
    queue.add(entry);
    return entry;
  }

  /** Runs, in order, every action due up to now + {@code duration}, on the calling thread. */
  void advance(Duration duration) {
    long target;
    synchronized (this) {
      target = now + duration.toNanos();
    }
    while (true) {
      Entry next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due > target) {
          now = target;
          return;
        }
        queue.poll();
        now = Math.max(now, next.due);
      }
      if (!next.cancelled) {
        next.action.run(); // outside our lock: actions take the responder's lock
      }
    }
  }

  /** Actions scheduled and neither run nor cancelled. */
  synchronized long pending() {
    return queue.stream().filter(e -> !e.cancelled).count();
  }
}
