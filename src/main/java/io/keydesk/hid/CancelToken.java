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

  /** Runs {@code listener} when the token fires (at once if it already has). */
  public void onCancel(Runnable listener) {
    listeners.add(listener);
    if (cancelled) {
      listener.run();
    }
  }
}
