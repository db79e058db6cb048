package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.ABORT_ERROR;
import static io.keydesk.webauthn.WebAuthnClientException.Code.TIMEOUT_ERROR;

import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One ceremony's cancellation and timeout (WebAuthn L3 §5.1.3 step 11 and §15.1 on timeouts): the
 * device calls get a token that fires when the caller cancels or when the timeout passes, and
 * {@link #stopped()} tells which of the two it was. Also turns KEEPALIVE UP_NEEDED into a touch
 * prompt.
 */
final class Ceremony implements AutoCloseable {
  /** §15.1 recommends 5 minutes as the default and a range of 5 to 10 minutes. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "webauthn-timeout");
            thread.setDaemon(true);
            return thread;
          });

  private final CancelToken token = new CancelToken();
  private final ScheduledFuture<?> timer;
  private final CancelToken.Registration callerRegistration;
  private final UserInteraction ui;
  private final Duration timeout;
  private volatile boolean timedOut;

  /** With the RP's timeout hint, clamped to {@link #MIN_TIMEOUT}..{@link #MAX_TIMEOUT}. */
  Ceremony(CancelToken caller, Optional<Long> timeoutMillis, UserInteraction ui) {
    this(caller, clamp(timeoutMillis), ui);
  }

  /** With a timeout the client chose itself (not an RP hint, so not clamped). */
  Ceremony(CancelToken caller, Duration timeout, UserInteraction ui) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive: " + timeout);
    }
    this.ui = ui;
    this.timeout = timeout;
    this.callerRegistration = caller.onCancel(token::cancel);
    this.timer =
        TIMERS.schedule(
            () -> {
              timedOut = true;
              token.cancel();
            },
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  static Duration clamp(Optional<Long> timeoutMillis) {
    if (timeoutMillis.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    Duration asked = Duration.ofMillis(Math.max(0, timeoutMillis.get()));
    if (asked.compareTo(MIN_TIMEOUT) < 0) {
      return MIN_TIMEOUT;
    }
    return asked.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : asked;
  }

  CancelToken token() {
    return token;
  }

  Duration timeout() {
    return timeout;
  }

  /** Shows the touch prompt when the key asks for user presence. */
  KeepaliveListener keepalive() {
    return status -> {
      if (status == KeepaliveStatus.UP_NEEDED) {
        ui.promptTouch();
      }
    };
  }

  /** The error for a stopped ceremony: TimeoutError after the timeout, else AbortError. */
  WebAuthnClientException stopped() {
    return timedOut
        ? new WebAuthnClientException(
            TIMEOUT_ERROR,
            "Nothing happened within "
                + timeout.toSeconds()
                + " seconds, so KeyDesk stopped waiting for the security key. Try again and"
                + " touch the key when it blinks.")
        : new WebAuthnClientException(ABORT_ERROR, "Cancelled.");
  }

  boolean isStopped() {
    return token.isCancelled();
  }

  @Override
  public void close() {
    timer.cancel(false);
    callerRegistration.close();
  }
}
