package io.keydesk.ctap2;

import java.util.Optional;

/**
 * A PIN or user-verification failure (CTAP 2.1 section 6.5.5 and 8.2) whose message tells the user
 * what happened and the next step, including how many tries are left when the key told us. Never
 * contains the PIN.
 */
public final class PinException extends CtapException {
  /** Consecutive wrong PINs after which a key wants to be re-inserted (section 6.5.2.2). */
  public static final int WRONG_PINS_BEFORE_REINSERT = 3;

  private static final String RESET_ERASES =
      "only a reset of the key unblocks it, and a reset erases every credential on it (you then"
          + " register the key again everywhere)";

  private final Optional<Integer> retriesLeft;
  private final boolean pinChangeRequired;

  public PinException(CtapStatus status, String message, Optional<Integer> retriesLeft) {
    this(status, message, retriesLeft, false);
  }

  private PinException(
      CtapStatus status, String message, Optional<Integer> retriesLeft, boolean changeRequired) {
    super(status, message);
    this.retriesLeft = retriesLeft;
    this.pinChangeRequired = changeRequired;
  }

  /**
   * True when the key refused a correct PIN because it must be changed first (forcePINChange,
   * CTAP 2.1 section 6.5.5.7 / 6.4 option "forcePINChange"): asking for the PIN again cannot help.
   */
  public boolean pinChangeRequired() {
    return pinChangeRequired;
  }

  /** PIN (or UV) retries the key reported after the failure, when known. */
  public Optional<Integer> retriesLeft() {
    return retriesLeft;
  }

  /** PIN_INVALID, with the retry counter read from the key just afterwards when available. */
  public static PinException wrongPin(Optional<Integer> retries) {
    String message;
    if (retries.isEmpty()) {
      message =
          "Wrong PIN; check it and try again. After "
              + WRONG_PINS_BEFORE_REINSERT
              + " wrong PINs in a row the key must be re-inserted, and when its tries run out "
              + RESET_ERASES
              + ".";
    } else if (retries.get() > 1) {
      message =
          "Wrong PIN. "
              + retries.get()
              + " tries left; after "
              + WRONG_PINS_BEFORE_REINSERT
              + " wrong PINs in a row the key must be re-inserted.";
    } else if (retries.get() == 1) {
      message =
          "Wrong PIN. 1 try left: one more wrong PIN blocks the PIN, and then "
              + RESET_ERASES
              + ".";
    } else {
      message = "Wrong PIN. No tries left: the PIN is blocked; " + RESET_ERASES + ".";
    }
    return new PinException(CtapStatus.PIN_INVALID, message, retries);
  }

  /** PIN_AUTH_BLOCKED: too many wrong PINs since the key was inserted. */
  public static PinException authBlocked() {
    return new PinException(
        CtapStatus.PIN_AUTH_BLOCKED,
        "Too many wrong PINs in a row: remove the key, insert it again, and retry. The PIN is not"
            + " blocked yet, but every wrong PIN counts against its remaining tries.",
        Optional.empty());
  }

  /** PIN_BLOCKED: the retry counter reached zero. */
  public static PinException blocked() {
    return new PinException(
        CtapStatus.PIN_BLOCKED,
        "The PIN is blocked after too many wrong PINs: " + RESET_ERASES + ".",
        Optional.of(0));
  }

  /** PIN_POLICY_VIOLATION with a message naming the rule that was broken. */
  public static PinException policyViolation(String message) {
    return new PinException(CtapStatus.PIN_POLICY_VIOLATION, message, Optional.empty());
  }

  /** PIN_POLICY_VIOLATION from the key when setting or changing the PIN. */
  public static PinException newPinRefused(PinRules rules) {
    return policyViolation(
        "The key does not accept this PIN. It needs "
            + rules.describe()
            + ", and some keys also refuse PINs that are too easy to guess (such as 123456 or"
            + " 1111). Choose another PIN.");
  }

  /** PIN_POLICY_VIOLATION from the key when unlocking: forcePINChange is set. */
  public static PinException changeRequired() {
    return new PinException(
        CtapStatus.PIN_POLICY_VIOLATION,
        "The key requires a new PIN before it can be used (its PIN was set by someone else, or is"
            + " shorter than the key now demands). Change the PIN, then try again.",
        Optional.empty(),
        true);
  }

  /** PIN_NOT_SET. */
  public static PinException notSet() {
    return new PinException(
        CtapStatus.PIN_NOT_SET,
        "The key has no PIN yet. Set a PIN on it first, then try again.",
        Optional.empty());
  }

  /** PUAT_REQUIRED: the command needs a pinUvAuthToken. */
  public static PinException tokenRequired() {
    return new PinException(
        CtapStatus.PUAT_REQUIRED,
        "The key requires your PIN (or fingerprint) for this. Unlock it with the PIN and try"
            + " again; if the key has no PIN yet, set one first.",
        Optional.empty());
  }

  /** PIN_AUTH_INVALID: the key could not verify the encrypted exchange or the token's MAC. */
  public static PinException authInvalid() {
    return new PinException(
        CtapStatus.PIN_AUTH_INVALID,
        "The key rejected the PIN authentication (the PIN session may have expired). Try again;"
            + " if it keeps failing, re-insert the key.",
        Optional.empty());
  }

  /** UV_INVALID: the fingerprint did not match. */
  public static PinException uvInvalid(Optional<Integer> retries) {
    String left =
        retries
            .map(n -> n == 1 ? " 1 try left" : " " + n + " tries left")
            .map(s -> s + "; after that, unlock the key with your PIN.")
            .orElse(" Try again, or unlock the key with your PIN.");
    return new PinException(
        CtapStatus.UV_INVALID, "Your fingerprint was not recognised." + left, retries);
  }

  /** UV_BLOCKED: built-in verification is locked until the PIN is used. */
  public static PinException uvBlocked() {
    return new PinException(
        CtapStatus.UV_BLOCKED,
        "Fingerprint verification is blocked after too many failures. Unlock the key with your"
            + " PIN instead; that re-enables fingerprints.",
        Optional.of(0));
  }

  /** A PIN that cannot be encoded (lone surrogate, NUL). */
  static PinException unencodable() {
    return policyViolation(
        "The PIN contains a character that cannot be sent to a security key. Type it again"
            + " without control characters.");
  }

  /**
   * The PIN-related meaning of a status any command may return (PUAT_REQUIRED, PIN_AUTH_INVALID,
   * PIN_NOT_SET, PIN_BLOCKED, PIN_AUTH_BLOCKED, UV_BLOCKED), for callers outside ClientPin.
   * Statuses whose message needs context (PIN_INVALID, PIN_POLICY_VIOLATION, UV_INVALID) or that
   * are not about the PIN give empty.
   */
  public static Optional<PinException> forStatus(CtapStatus status) {
    if (status.equals(CtapStatus.PUAT_REQUIRED)) {
      return Optional.of(tokenRequired());
    } else if (status.equals(CtapStatus.PIN_AUTH_INVALID)) {
      return Optional.of(authInvalid());
    } else if (status.equals(CtapStatus.PIN_NOT_SET)) {
      return Optional.of(notSet());
    } else if (status.equals(CtapStatus.PIN_BLOCKED)) {
      return Optional.of(blocked());
    } else if (status.equals(CtapStatus.PIN_AUTH_BLOCKED)) {
      return Optional.of(authBlocked());
    } else if (status.equals(CtapStatus.UV_BLOCKED)) {
      return Optional.of(uvBlocked());
    }
    return Optional.empty();
  }
}
