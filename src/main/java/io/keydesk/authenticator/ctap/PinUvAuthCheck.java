package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The pinUvAuthParam steps that makeCredential and getAssertion share (CTAP 2.1 section 6.1.2 steps
 * 1, 2 and 11; section 6.2.2 steps 1, 2 and 6).
 */
final class PinUvAuthCheck {
  private PinUvAuthCheck() {}

  /**
   * Step 1: a zero-length pinUvAuthParam is a platform's probe ("which key did the user touch?").
   * After a touch it answers PIN_NOT_SET or PIN_INVALID; a refusal or timeout answers
   * OPERATION_DENIED.
   *
   * <p>Step 2: with a pinUvAuthParam, the protocol must be present and supported.
   */
  static void precheck(
      Optional<Bytes> param, Optional<Integer> protocol, PinState pin, UserPresenceCheck presence)
      throws CtapException {
    if (param.isEmpty()) {
      return;
    }
    if (param.get().isEmpty()) {
      boolean touched;
      try {
        touched = presence.request();
      } catch (CtapException e) {
        if (!e.status().equals(CtapStatus.USER_ACTION_TIMEOUT)) {
          throw e;
        }
        touched = false;
      }
      if (!touched) {
        throw new CtapException(CtapStatus.OPERATION_DENIED);
      }
      throw new CtapException(pin.isSet() ? CtapStatus.PIN_INVALID : CtapStatus.PIN_NOT_SET);
    }
    if (protocol.isEmpty()) {
      throw new CtapException(
          CtapStatus.MISSING_PARAMETER, "pinUvAuthParam came without pinUvAuthProtocol.");
    }
    if (!PinUvAuthState.PROTOCOLS.contains(protocol.get())) {
      throw new CtapException(
          CtapStatus.INVALID_PARAMETER,
          "PIN/UV auth protocol " + protocol.get() + " is not supported; use 2 or 1.");
    }
  }

  /**
   * Step 11 (makeCredential) / 6 (getAssertion): verifies the pinUvAuthParam over the
   * clientDataHash against the current token, with the permission and RP ID of the command.
   *
   * @return true when the user was verified (the UV flag), false when no pinUvAuthParam came
   * @throws CtapException PIN_AUTH_INVALID when it does not verify
   */
  static boolean verify(
      PinUvAuthState tokens,
      Optional<Bytes> param,
      Optional<Integer> protocol,
      Bytes clientDataHash,
      int permission,
      String rpId,
      Instant now)
      throws CtapException {
    if (param.isEmpty()) {
      return false;
    }
    if (!tokens.verify(protocol.get(), clientDataHash, param.get(), permission, rpId, now)) {
      throw new CtapException(
          CtapStatus.PIN_AUTH_INVALID,
          "The PIN token was not accepted (wrong, expired, already used, or for another site or"
              + " operation); enter the PIN again.");
    }
    return true;
  }
}
