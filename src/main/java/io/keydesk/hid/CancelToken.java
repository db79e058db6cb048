package io.keydesk.hid;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cancellation passed down every blocking device call. Firing it makes the current CTAPHID call send
 * CTAPHID_CANCEL and end with a {@link CancelledException}. Thread-safe; fire it from any thread.
 */
public final class CancelToken {
  private volatile boolean cancelled;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** A token that never fires. */
  public static CancelToken none() {
    return new CancelToken();
  }

  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      listeners.forEach(Runnable::run);
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs {@code listener} when the token fires (at once if it already has). Close the returned
   * registration when the listener is no longer wanted, so a long-lived token (the caller's) does
   * not keep every short-lived listener (and what it references) alive.
   */
  public Registration onCancel(Runnable listener) {
    Runnable entry = listener::run; // a distinct object, so removal takes exactly this one
    listeners.add(entry);
    if (cancelled) {
      listener.run();
    }
    return () -> listeners.remove(entry);
  }

  /** How many listeners are registered (for tests of unregistration). */
  int listenerCount() {
    return listeners.size();
  }

  /** A listener registration; closing it removes the listener. Idempotent. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
