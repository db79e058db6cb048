package io.keydesk.webauthn;

import java.util.Objects;
import java.util.Optional;

/**
 * Why and how the client asks for a PIN.
 *
 * @param retriesLeft the key's remaining PIN tries, given only when they are 3 or fewer (the facts
 *     doc: show them then, so the user takes care)
 * @param minLength the key's minimum PIN length in characters
 * @param reason why the PIN is asked for
 * @param problem what went wrong with the previous attempt, for the prompt (empty the first time)
 */
public record PinRequest(
    Optional<Integer> retriesLeft, int minLength, Reason reason, Optional<String> problem) {
  /** Show the remaining tries when they are this many or fewer. */
  public static final int SHOW_RETRIES_AT_OR_BELOW = 3;

  public enum Reason {
    /** The relying party or the key asks for user verification. */
    VERIFY_USER,
    /** The previous PIN was wrong. */
    WRONG_PIN,
    /** Built-in verification (fingerprint) is blocked; the PIN unblocks it. */
    UV_BLOCKED
  }

  public PinRequest {
    Objects.requireNonNull(retriesLeft, "retriesLeft");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(problem, "problem");
  }

  /** A one-line prompt, such as "Enter the PIN of your security key (2 tries left):". */
  public String prompt() {
    StringBuilder text = new StringBuilder();
    problem.ifPresent(p -> text.append(p).append(' '));
    text.append("Enter the PIN of your security key");
    retriesLeft.ifPresent(
        n -> text.append(" (").append(n).append(n == 1 ? " try left)" : " tries left)"));
    return text.append(':').toString();
  }
}
