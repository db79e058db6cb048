package io.keydesk.rp;

import java.time.Duration;

/**
 * The relying party answered with an error (RFC 9457 problem details, docs/rp-api.md "Errors").
 * {@link #getMessage()} is written for the user; {@link #problem()} keeps what the server said.
 */
public class RelyingPartyException extends RuntimeException {
  private final int status;
  private final Problem problem;

  public RelyingPartyException(int status, Problem problem) {
    super(userMessage(status, problem));
    this.status = status;
    this.problem = problem;
  }

  public int status() {
    return status;
  }

  public Problem problem() {
    return problem;
  }

  public boolean isSudoRequired() {
    return problem.is(Problem.SUDO_REQUIRED);
  }

  public boolean isRateLimited() {
    return status == 429 || problem.is(Problem.RATE_LIMITED);
  }

  /** What to tell the user: what happened and what to do next. */
  static String userMessage(int status, Problem problem) {
    String server = problem.detail().orElse(problem.title());
    switch (problem.slug()) {
      case Problem.SUDO_REQUIRED:
        return "This action needs a code sent to your email. Request one, then enter it to"
            + " continue.";
      case Problem.RATE_LIMITED:
        return "Too many attempts; try again in "
            + problem.retryAfterSeconds().map(RelyingPartyException::waitText).orElse("a while")
            + ".";
      case Problem.UNAUTHENTICATED:
        return "The session with the server has ended. Log in again.";
      case Problem.BAD_CREDENTIALS:
        return "The email address or the password is wrong. Check both and try again.";
      case Problem.INVALID_CODE:
        return "That code is wrong, expired or already used. Check it, or request a new one.";
      case Problem.NOT_FOUND:
        return "The server does not know that key (any more). Refresh the key list and try again.";
      case Problem.CEREMONY_EXPIRED:
        return "That step took too long or was already used. Start again.";
      case "webauthn-failed":
        return "The server did not accept the security key's answer ("
            + server
            + "). Try again, or use another key.";
      case "credential-exists":
        return "This security key is already registered (to this or another account). Use"
            + " another key.";
      case "too-many-keys":
        return "The account already has the most keys the server allows. Remove one first.";
      case "invalid-name":
        return "The key name must be 1 to 100 characters. Choose another name.";
      default:
        if (status >= 500) {
          return "The server failed (HTTP " + status + ": " + server + "). Try again later.";
        }
        return "The server refused the request (HTTP " + status + ": " + server + ").";
    }
  }

  /** "2 minutes", "45 seconds", "3 hours". */
  static String waitText(long seconds) {
    Duration d = Duration.ofSeconds(Math.max(1, seconds));
    if (seconds < 60) {
      return plural(d.toSeconds(), "second");
    }
    if (seconds < 3600) {
      return plural((seconds + 59) / 60, "minute");
    }
    return plural((seconds + 3599) / 3600, "hour");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
