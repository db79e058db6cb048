package io.keydesk.app;

import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.PinException;
import io.keydesk.ctap2.PinRetries;
import io.keydesk.ctap2.PinRules;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.hid.TransportException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The PIN use cases (CTAP 2.1 section 6.5): set, change, show retries, verify. Rules come from the
 * key's minPINLength; failures are {@link PinException}s whose messages say how many tries are
 * left. Every char[] PIN passed in is zeroed, whatever happens.
 */
public final class PinService {
  private final DeviceSession session;

  public PinService(DeviceSession session) {
    this.session = session;
  }

  /** The key's PIN rules, for prompts ("at least 4 characters..."). */
  public PinRules rules() {
    return PinRules.of(session.info().minPinLength());
  }

  /** Whether the key has a PIN set (empty: no PIN support). */
  public Optional<Boolean> isPinSet() {
    return session.info().isPinSet();
  }

  /** getPINRetries; empty when the key has no PIN support or no PIN set. */
  public Optional<PinRetries> retries() throws CtapException, TransportException {
    if (!isPinSet().orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(session.clientPin().getPinRetries());
  }

  /**
   * A warning to show before asking for the current PIN when few tries are left ({@value
   * InfoSummary#LOW_RETRIES} or fewer), or when the key must be re-inserted first.
   */
  public Optional<String> warningBeforePrompt() throws CtapException, TransportException {
    Optional<PinRetries> retries = retries();
    if (retries.isEmpty()) {
      return Optional.empty();
    }
    return warningFor(retries.get());
  }

  static Optional<String> warningFor(PinRetries retries) {
    if (retries.retries() == 0) {
      return Optional.of(PinException.blocked().getMessage());
    }
    if (retries.needsReinsertion()) {
      return Optional.of(PinException.authBlocked().getMessage());
    }
    if (retries.retries() <= InfoSummary.LOW_RETRIES) {
      return Optional.of(
          "Careful: "
              + InfoSummary.retriesText(retries.retries())
              + " before the PIN is blocked and only a reset (which erases every credential)"
              + " helps.");
    }
    return Optional.empty();
  }

  /** A line describing the PIN state, as {@code keydesk pin retries} prints it. */
  public String retriesMessage() throws CtapException, TransportException {
    Optional<Boolean> set = isPinSet();
    if (set.isEmpty()) {
      return session.describe() + " does not support a PIN.";
    }
    if (!set.get()) {
      return session.describe() + " has no PIN yet; set one with 'keydesk pin set'.";
    }
    PinRetries retries = session.clientPin().getPinRetries();
    String text = "PIN: " + InfoSummary.retriesText(retries.retries()) + ".";
    return warningFor(retries).map(w -> text + " " + w).orElse(text);
  }

  /**
   * setPIN on a key without a PIN. Zeroes {@code newPin}.
   *
   * @throws CtapException NOT_ALLOWED when a PIN is already set (use change), PIN_POLICY_VIOLATION
   *     with the rule when the PIN is too short or long
   */
  public String setPin(char[] newPin) throws CtapException, TransportException {
    try {
      if (isPinSet().orElse(false)) {
        throw new CtapException(
            CtapStatus.NOT_ALLOWED,
            session.describe()
                + " already has a PIN; change it with 'keydesk pin change' instead.");
      }
      ClientPin clientPin = session.clientPin();
      clientPin.setPin(newPin);
    } finally {
      Arrays.fill(newPin, '\0');
    }
    session.refreshInfo();
    return "PIN set on " + session.describe() + ".";
  }

  /** changePIN. Zeroes both PINs. */
  public String changePin(char[] currentPin, char[] newPin)
      throws CtapException, TransportException {
    try {
      if (isPinSet().isPresent() && !isPinSet().get()) {
        throw PinException.notSet();
      }
      session.clientPin().changePin(currentPin, newPin);
    } finally {
      Arrays.fill(currentPin, '\0');
      Arrays.fill(newPin, '\0');
    }
    session.refreshInfo();
    return "PIN changed on " + session.describe() + ".";
  }

  /**
   * Checks a PIN by asking the key for a PIN token (getPinToken, which every PIN-capable key
   * supports) and discarding it. Zeroes {@code pin}. A wrong PIN costs one try, as on any key.
   */
  public String verify(char[] pin) throws CtapException, TransportException {
    try {
      if (isPinSet().isPresent() && !isPinSet().get()) {
        throw PinException.notSet();
      }
      try (PinUvAuthToken token = session.clientPin().getPinToken(pin)) {
        // the token proves the PIN; it is discarded at once
      }
    } finally {
      Arrays.fill(pin, '\0');
    }
    return "The PIN is correct.";
  }
}
