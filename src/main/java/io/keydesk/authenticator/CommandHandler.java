package io.keydesk.authenticator;

import io.keydesk.ctap2.CtapException;

/**
 * The seam between the device side of CTAPHID ({@link CtapHidResponder}) and the authenticator's
 * command logic. The responder owns everything about the transport: channels, framing, LOCK, CANCEL
 * bookkeeping, keepalives and timeouts. A handler sees only whole messages, one at a time, on the
 * responder's worker thread, so it may block (for example in {@link
 * RequestContext#requestUserPresence()}) while the responder keeps serving INIT, CANCEL, PING and
 * other channels.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Calls are serial: never two at once, so a handler needs no locking of its own for state
 *       that only it touches.
 *   <li>Throwing {@link CtapException} answers the single status byte of its {@link
 *       io.keydesk.ctap2.CtapStatus}; that is how CTAP2_ERR_KEEPALIVE_CANCEL and
 *       CTAP2_ERR_USER_ACTION_TIMEOUT from {@link RequestContext#requestUserPresence()} reach the
 *       host. A RuntimeException answers CTAP1_ERR_OTHER and is logged.
 *   <li>If the host re-synchronises the channel (INIT) or the responder closes while the handler
 *       runs, its answer is dropped; {@link RequestContext#isCancelled()} then turns true.
 * </ul>
 */
public interface CommandHandler {
  /**
   * Handles one CTAPHID_CBOR message (CTAP 2.1 section 8.1 and 11.2.9.1.2).
   *
   * @param request the CTAP2 command byte followed by its CBOR parameters (never empty)
   * @return the response: a status byte, followed by the CBOR response when the status is CTAP2_OK
   */
  byte[] handleCbor(byte[] request, RequestContext context) throws CtapException;

  /**
   * Whether CTAPHID_CBOR (CTAP2) is supported. When false (a U2F-only key) the responder leaves
   * CBOR out of the INIT capabilities and answers CBOR with ERROR INVALID_CMD without calling
   * {@link #handleCbor}.
   */
  default boolean supportsCbor() {
    return true;
  }

  /**
   * Whether CTAPHID_MSG (CTAP1/U2F, CTAP 2.1 section 11.2.9.1.1) is supported. When false the
   * responder advertises NMSG in the INIT capabilities and answers MSG with ERROR INVALID_CMD
   * without calling {@link #handleMsg}.
   */
  default boolean supportsMsg() {
    return false;
  }

  /**
   * Handles one CTAPHID_MSG message: a U2F request APDU in, a response APDU (data and status word)
   * out. Called only when {@link #supportsMsg()} is true.
   */
  default byte[] handleMsg(byte[] apdu, RequestContext context) throws CtapException {
    throw new UnsupportedOperationException("CTAPHID_MSG is not supported");
  }

  /**
   * The key was removed and plugged in again: forget what a real key loses at power-up (PIN
   * failure streak, key agreement, PIN tokens) and restart the reset window.
   */
  default void powerCycle() {}
}
