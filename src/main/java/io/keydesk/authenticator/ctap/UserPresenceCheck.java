package io.keydesk.authenticator.ctap;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;

/**
 * A test of user presence for one request (CTAP 2.1 section 6.1.2 step 14 and alike): the
 * transport's seam (the CTAPHID responder's request context, which sends KEEPALIVE UP_NEEDED and
 * honours CANCEL) or a scripted answer in tests.
 */
@FunctionalInterface
public interface UserPresenceCheck {
  /**
   * Asks the user to touch the authenticator.
   *
   * @return true when they did, false when they refused
   * @throws CtapException KEEPALIVE_CANCEL when the host cancelled, USER_ACTION_TIMEOUT when nobody
   *     answered in time
   */
  boolean request() throws CtapException;

  /** {@link #request()} where a refusal ends the command with OPERATION_DENIED. */
  default void require() throws CtapException {
    if (!request()) {
      throw new CtapException(
          CtapStatus.OPERATION_DENIED,
          "The request was refused at the authenticator (touch denied); try again and approve it.");
    }
  }
}
