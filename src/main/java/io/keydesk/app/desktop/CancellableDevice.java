package io.keydesk.app.desktop;

import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import io.keydesk.hid.TransportException;

/**
 * A device whose calls also end when the GUI's current {@link Cancellation} fires and that reports
 * UP_NEEDED to the current {@link TouchListener}: the use cases below pass their own tokens and
 * listeners (often none), the GUI's Cancel and touch prompt still work.
 */
final class CancellableDevice implements CtapDevice {
  private final CtapDevice delegate;
  private volatile Cancellation cancellation = new Cancellation();
  private volatile TouchListener touch = TouchListener.NONE;

  CancellableDevice(CtapDevice delegate) {
    this.delegate = delegate;
  }

  /** For the operation about to run on the device thread. */
  void begin(Cancellation cancellation, TouchListener touch) {
    this.cancellation = cancellation;
    this.touch = touch;
  }

  void end() {
    this.cancellation = new Cancellation();
    this.touch = TouchListener.NONE;
  }

  @Override
  public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive)
      throws TransportException {
    CancelToken combined = new CancelToken();
    TouchListener current = touch;
    boolean[] asked = {false};
    KeepaliveListener both =
        status -> {
          keepalive.onStatus(status);
          if (status == KeepaliveStatus.UP_NEEDED) {
            asked[0] = true;
            current.touchNeeded();
          } else if (asked[0]) {
            asked[0] = false;
            current.touchDone();
          }
        };
    // both registrations end with the call, so long-lived tokens do not collect listeners
    try (CancelToken.Registration fromCaller = cancel.onCancel(combined::cancel);
        CancelToken.Registration fromGui = cancellation.token().onCancel(combined::cancel)) {
      return delegate.call(command, payload, combined, both);
    } finally {
      if (asked[0]) {
        current.touchDone();
      }
    }
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
