package io.keydesk.authenticator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The user-presence policy of the software authenticator: what "touching the key" means. The
 * responder calls it when a command needs a test of user presence (CTAP 2.1 section 6.1.2 step 11,
 * authenticatorSelection...), keeps sending KEEPALIVE UP_NEEDED while the returned future is
 * pending, and stops waiting on CANCEL (CTAP2_ERR_KEEPALIVE_CANCEL) or after the responder's
 * user-presence timeout (CTAP2_ERR_USER_ACTION_TIMEOUT); in both cases it cancels the future, so a
 * dialog behind it can close.
 *
 * <p>The future completes with true (present, approved) or false (denied). An exceptional
 * completion counts as denied. Implementations must not block: return a future that something else
 * completes.
 */
@FunctionalInterface
public interface UserPresence {
  CompletableFuture<Boolean> request(Request request);

  /**
   * What is being asked.
   *
   * @param channelId the CTAPHID channel of the request
   * @param command the CTAP2 command byte (such as authenticatorSelection 0x0B)
   * @param scheduler the responder's scheduler; time-based policies use it so tests stay
   *     deterministic
   */
  record Request(int channelId, int command, Scheduler scheduler) {}

  /** Approves at once, like a user who always touches the key. */
  static UserPresence approve() {
    return request -> CompletableFuture.completedFuture(true);
  }

  /** Denies at once. */
  static UserPresence deny() {
    return request -> CompletableFuture.completedFuture(false);
  }

  /** Approves after {@code delay}, like a user who touches the key a moment later. */
  static UserPresence approveAfter(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("the delay must not be negative: " + delay);
    }
    return request -> {
      CompletableFuture<Boolean> touched = new CompletableFuture<>();
      Scheduler.Task task = request.scheduler().schedule(delay, () -> touched.complete(true));
      touched.whenComplete((result, error) -> task.cancel());
      return touched;
    };
  }

  /**
   * Parses the command-line form: {@code approve}, {@code deny} or {@code delay:MS}.
   *
   * @throws IllegalArgumentException with a message that lists the accepted forms
   */
  static UserPresence parse(String spec) {
    String value = spec.trim();
    if (value.equals("approve")) {
      return approve();
    }
    if (value.equals("deny")) {
      return deny();
    }
    if (value.startsWith("delay:")) {
      try {
        long millis = Long.parseLong(value.substring("delay:".length()));
        if (millis >= 0) {
          return approveAfter(Duration.ofMillis(millis));
        }
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException(
        "Unknown user-presence policy '"
            + spec
            + "'; use approve, deny or delay:MS (milliseconds, such as delay:1500).");
  }
}
