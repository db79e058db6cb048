package io.keydesk.gui.prompt;

import java.util.Optional;

/**
 * What the PIN dialog asks for and what it knows about the key.
 *
 * @param mode set a first PIN, change it, or enter it for an operation
 * @param keyName shown in the title
 * @param minLength the key's minimum PIN length (minPINLength, CTAP 2.1 section 6.4)
 * @param retries tries left, when known
 * @param problem a previous failure to explain (wrong PIN, PIN_AUTH_BLOCKED, PIN_BLOCKED)
 */
public record PinRequest(
    Mode mode,
    String keyName,
    int minLength,
    Optional<Integer> retries,
    Optional<Problem> problem) {
  public enum Mode {
    SET,
    CHANGE,
    ENTER
  }

  /** Failures the dialog explains in its own words. */
  public enum Problem {
    WRONG_PIN,
    PIN_AUTH_BLOCKED,
    PIN_BLOCKED
  }

  /** Retries at or below this are shown. */
  public static final int SHOW_RETRIES_AT = 3;

  public PinRequest {
    if (minLength < 4) {
      minLength = 4;
    }
  }

  public PinRequest withProblem(Problem problem, Optional<Integer> retries) {
    return new PinRequest(mode, keyName, minLength, retries, Optional.of(problem));
  }

  /** The retries line when 3 or fewer are left, else empty. */
  public Optional<String> retriesLine() {
    return retries
        .filter(r -> r <= SHOW_RETRIES_AT && r > 0)
        .map(
            r ->
                (r == 1 ? "1 try left" : r + " tries left")
                    + " before the PIN is blocked; then only a reset, which erases every"
                    + " credential on the key, makes it usable again.");
  }

  /** The explanation of {@link #problem()}, if any. */
  public Optional<String> explanation() {
    return problem.map(
        p ->
            switch (p) {
              case WRONG_PIN -> "Wrong PIN; check it and try again.";
              case PIN_AUTH_BLOCKED ->
                  "Too many wrong PINs in a row (PIN_AUTH_BLOCKED): remove the key, insert it"
                      + " again, then retry. The PIN is not blocked yet, but every wrong PIN"
                      + " counts against its remaining tries.";
              case PIN_BLOCKED ->
                  "The PIN is blocked (PIN_BLOCKED): no PIN will be accepted any more. Only a"
                      + " reset makes the key usable again, and a reset erases every credential"
                      + " on it, so you register it again with each site.";
            });
  }

  /** Whether typing a PIN can still help. */
  public boolean canEnter() {
    return problem.filter(p -> p == Problem.PIN_BLOCKED).isEmpty();
  }

  /**
   * Checks the fields before anything goes to the key.
   *
   * @return the message to show, empty when the PIN can be sent
   */
  public Optional<String> validate(String current, String newPin, String confirmation) {
    if (mode != Mode.SET && current.isEmpty()) {
      return Optional.of("Enter the current PIN.");
    }
    if (mode == Mode.ENTER) {
      return Optional.empty();
    }
    int length = newPin.codePointCount(0, newPin.length());
    if (length < minLength) {
      return Optional.of("The new PIN needs at least " + minLength + " characters.");
    }
    if (newPin.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
      return Optional.of("The new PIN is too long: at most 63 bytes.");
    }
    if (!newPin.equals(confirmation)) {
      return Optional.of("The two new PINs differ; type the same PIN twice.");
    }
    return Optional.empty();
  }
}
