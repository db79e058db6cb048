package io.keydesk.webauthn;

import java.util.Optional;

/**
 * What the WebAuthn client asks of the person at the keyboard. Called on the device worker thread
 * that runs the ceremony, never on a UI thread: a GUI implementation completes a future from a
 * dialog and blocks only this worker (DESIGN.md, "Seams worth keeping").
 */
public interface UserInteraction {
  /**
   * The key is waiting for a touch (CTAPHID KEEPALIVE status UP_NEEDED, CTAP 2.1 section
   * 11.2.9.2.1; for U2F keys the first SW_CONDITIONS_NOT_SATISFIED). Must not block.
   */
  void promptTouch();

  /**
   * Asks for the key's PIN. The client zeroes the returned array after use.
   *
   * @return the PIN, or empty when the user cancels
   */
  Optional<char[]> requestPin(PinRequest request);

  /**
   * Asks the user to verify on the key itself (fingerprint).
   *
   * @return false to use the PIN instead
   */
  boolean requestUv(UvRequest request);
}
