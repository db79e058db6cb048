package io.keydesk.ctap2;

/**
 * A key's PIN rules (CTAP 2.1 section 6.5.1): at least {@code minLength} Unicode code points (the
 * key's getInfo minPINLength, 4 when absent) and at most 63 bytes of UTF-8.
 */
public record PinRules(int minLength) {
  /** The rules of a key that does not report minPINLength. */
  public static final PinRules DEFAULT = new PinRules(Pin.MIN_CODE_POINTS);

  private static final String BYTES_NOTE =
      " (digits and Latin letters take 1 byte each, most other characters 2 to 4).";

  public PinRules {
    if (minLength < Pin.MIN_CODE_POINTS || minLength > Pin.MAX_UTF8_BYTES) {
      throw new IllegalArgumentException("minPINLength must be between 4 and 63, not " + minLength);
    }
  }

  /** The rules for a getInfo minPINLength (0x0D) that may be absent. */
  public static PinRules of(java.util.Optional<? extends Number> minPinLength) {
    return minPinLength
        .map(n -> new PinRules(Math.max(Pin.MIN_CODE_POINTS, n.intValue())))
        .orElse(DEFAULT);
  }

  /** The rules in words, for messages. */
  public String describe() {
    return "at least "
        + minLength
        + " characters and at most "
        + Pin.MAX_UTF8_BYTES
        + " bytes"
        + BYTES_NOTE.substring(0, BYTES_NOTE.length() - 1);
  }

  /**
   * Checks a new PIN (already UTF-8) against these rules.
   *
   * @throws PinException PIN_POLICY_VIOLATION naming the rule, never the PIN
   */
  public void checkNewPin(byte[] utf8) throws PinException {
    int codePoints = Pin.codePointCount(utf8);
    if (codePoints < minLength) {
      throw PinException.policyViolation(
          "The new PIN is too short: it has "
              + codePoints
              + (codePoints == 1 ? " character" : " characters")
              + " and this key needs "
              + describe()
              + ". Choose a longer PIN.");
    }
    if (utf8.length > Pin.MAX_UTF8_BYTES) {
      throw PinException.policyViolation(
          "The new PIN is too long: it takes "
              + utf8.length
              + " bytes and keys accept at most "
              + Pin.MAX_UTF8_BYTES
              + BYTES_NOTE
              + " Choose a shorter PIN.");
    }
  }

  /**
   * Checks a PIN the user typed to unlock the key: one that no key could have accepted is refused
   * here, so it does not cost one of the key's retries. The key's current minimum is not applied
   * (an older PIN may be shorter; the key then asks for a change itself).
   */
  public static void checkCurrentPin(byte[] utf8) throws PinException {
    int codePoints = Pin.codePointCount(utf8);
    if (codePoints < Pin.MIN_CODE_POINTS) {
      throw PinException.policyViolation(
          "That PIN is too short to be a security-key PIN (at least 4 characters). It was not"
              + " sent to the key, so no try was used; type the PIN again.");
    }
    if (utf8.length > Pin.MAX_UTF8_BYTES) {
      throw PinException.policyViolation(
          "That PIN is too long to be a security-key PIN: it takes "
              + utf8.length
              + " bytes and keys accept at most "
              + Pin.MAX_UTF8_BYTES
              + BYTES_NOTE
              + " It was not sent to the key, so no try was used; type the PIN again.");
    }
  }
}
