package io.keydesk.authenticator;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;

/**
 * What a {@link CommandHandler} may ask of the transport while it handles one request. The
 * responder implements it per request; handler unit tests can implement it directly.
 */
public interface RequestContext {
  /** The CTAPHID channel the request came on. */
  int channelId();

  /**
   * True once the host sent CTAPHID_CANCEL for this request (CTAP 2.1 section 11.2.9.1.5), or
   * re-synchronised the channel, or the device is shutting down. Long operations should check it
   * and stop with CTAP2_ERR_KEEPALIVE_CANCEL ({@link #throwIfCancelled()}).
   */
  boolean isCancelled();

  /**
   * Asks for a test of user presence: switches the keepalive status to UP_NEEDED (one keepalive at
   * once, then one per keepalive interval), consults the {@link UserPresence} policy, and returns
   * to status PROCESSING afterwards. Blocks the handler's thread only.
   *
   * @return true when the user approved, false when they denied
   * @throws CtapException CTAP2_ERR_KEEPALIVE_CANCEL when the host cancels (before or during the
   *     wait), CTAP2_ERR_USER_ACTION_TIMEOUT when nobody answers within the user-presence timeout
   */
  boolean requestUserPresence() throws CtapException;

  /**
   * {@link #requestUserPresence()} for commands where a denial ends the command with
   * CTAP2_ERR_OPERATION_DENIED.
   */
  default void requireUserPresence() throws CtapException {
    if (!requestUserPresence()) {
      throw new CtapException(CtapStatus.OPERATION_DENIED);
    }
  }

  /** Throws CTAP2_ERR_KEEPALIVE_CANCEL when {@link #isCancelled()}. */
  default void throwIfCancelled() throws CtapException {
    if (isCancelled()) {
      throw new CtapException(CtapStatus.KEEPALIVE_CANCEL);
    }
  }
}
