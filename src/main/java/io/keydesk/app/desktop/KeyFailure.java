package io.keydesk.app.desktop;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.PinException;
import io.keydesk.hid.CancelledException;
import io.keydesk.hid.TransportException;
import java.util.Optional;

/**
 * A key operation that did not succeed, with a message in the user's words and what kind of failure
 * it was, so the GUI can react (keep the PIN dialog open with retries, explain a block...).
 */
public final class KeyFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the GUI needs to know. */
  public enum Kind {
    CANCELLED,
    WRONG_PIN,
    PIN_AUTH_BLOCKED,
    PIN_BLOCKED,
    PIN_POLICY,
    NOT_ALLOWED,
    TIMEOUT,
    UNAVAILABLE,
    OTHER
  }

  private final Kind kind;
  private final transient Optional<Integer> retriesLeft;

  public KeyFailure(Kind kind, String message, Optional<Integer> retriesLeft) {
    super(message);
    this.kind = kind;
    this.retriesLeft = retriesLeft;
  }

  public Kind kind() {
    return kind;
  }

  /** PIN tries left after a wrong PIN, when the key said. */
  public Optional<Integer> retriesLeft() {
    return retriesLeft;
  }

  static KeyFailure of(Exception e) {
    if (e instanceof KeyFailure failure) {
      return failure;
    }
    if (e instanceof CancelledException) {
      return new KeyFailure(Kind.CANCELLED, "Cancelled; nothing was changed.", Optional.empty());
    }
    if (e instanceof CtapException ctap) {
      Optional<Integer> retries =
          ctap instanceof PinException pin ? pin.retriesLeft() : Optional.empty();
      return new KeyFailure(kind(ctap.status()), ctap.getMessage(), retries);
    }
    if (e instanceof TransportException) {
      return new KeyFailure(
          Kind.UNAVAILABLE,
          e.getMessage() + " Check that the key is still plugged in and try again.",
          Optional.empty());
    }
    return new KeyFailure(Kind.OTHER, String.valueOf(e.getMessage()), Optional.empty());
  }

  static Kind kind(CtapStatus status) {
    if (status.equals(CtapStatus.KEEPALIVE_CANCEL)) {
      return Kind.CANCELLED;
    } else if (status.equals(CtapStatus.PIN_INVALID)) {
      return Kind.WRONG_PIN;
    } else if (status.equals(CtapStatus.PIN_AUTH_BLOCKED)) {
      return Kind.PIN_AUTH_BLOCKED;
    } else if (status.equals(CtapStatus.PIN_BLOCKED)) {
      return Kind.PIN_BLOCKED;
    } else if (status.equals(CtapStatus.PIN_POLICY_VIOLATION)) {
      return Kind.PIN_POLICY;
    } else if (status.equals(CtapStatus.NOT_ALLOWED)) {
      return Kind.NOT_ALLOWED;
    } else if (status.equals(CtapStatus.USER_ACTION_TIMEOUT)
        || status.equals(CtapStatus.ACTION_TIMEOUT)) {
      return Kind.TIMEOUT;
    }
    return Kind.OTHER;
  }
}
