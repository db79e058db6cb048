package io.keydesk.app.desktop;

import io.keydesk.hid.CancelToken;

/**
 * The GUI's Cancel button, as the layers below understand it: firing it makes the running CTAPHID
 * call send CTAPHID_CANCEL (CTAP 2.1 section 11.2.9.1.5) and end. Thread-safe.
 */
public final class Cancellation {
  private final CancelToken token = new CancelToken();

  public void cancel() {
    token.cancel();
  }

  public boolean isCancelled() {
    return token.isCancelled();
  }

  /** Runs {@code listener} when cancelled (at once if it already is). */
  public void onCancel(Runnable listener) {
    token.onCancel(listener);
  }

  CancelToken token() {
    return token;
  }
}
