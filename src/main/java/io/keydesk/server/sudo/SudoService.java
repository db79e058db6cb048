package io.keydesk.server.sudo;

import io.keydesk.server.account.Authenticated;
import io.keydesk.server.account.CodeMac;
import io.keydesk.server.account.Secrets;
import io.keydesk.server.account.SessionService;
import io.keydesk.server.mail.Mailer;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.ratelimit.RateLimiter;
import io.keydesk.server.ratelimit.RateLimits;
import io.keydesk.server.store.SudoCodeDao;
import io.keydesk.server.store.SudoCodeDao.SudoCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sudo mode by emailed code (as Healthchecks does): a six-digit code valid {@link #CODE_LIFETIME};
 * no new code while one is unexpired; at most 10 codes per user per day; a correct code (single
 * use, compared in constant time) opens sudo mode on the session for {@link #SUDO_LENGTH}. A code
 * dies after {@link #MAX_WRONG_TRIES} wrong tries, so an attacker gets at most 5 guesses per
 * emailed code (50 a day, a 1-in-20,000 chance), not the ≈90 the attempt limit alone allows in 15
 * minutes. Codes are stored as HMAC-SHA-256 under the server's code key ({@link CodeMac}).
 */
public final class SudoService {
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
  public static final Duration SUDO_LENGTH = Duration.ofMinutes(30);
  public static final int MAX_WRONG_TRIES = 5;
  private static final String PURPOSE = "sudo-code";

  /** The answer to a code request: whether a new email went out, and until when the code lives. */
  public record CodeRequest(boolean sent, Instant expiresAt) {}

  private final SudoCodeDao codes;
  private final SessionService sessions;
  private final Mailer mailer;
  private final RateLimiter limiter;
  private final Clock clock;
  private final CodeMac mac;

  public SudoService(
      SudoCodeDao codes,
      CodeMac mac,
      SessionService sessions,
      Mailer mailer,
      RateLimiter limiter,
      Clock clock) {
    this.codes = codes;
    this.mac = mac;
    this.sessions = sessions;
    this.mailer = mailer;
    this.limiter = limiter;
    this.clock = clock;
  }

  public CodeRequest requestCode(Authenticated caller) {
    long userId = caller.user().id();
    Instant now = clock.instant();
    Optional<SudoCode> existing = codes.get(userId).filter(c -> now.isBefore(c.expiresAt()));
    if (existing.isPresent()) {
      return new CodeRequest(false, existing.get().expiresAt());
    }
    limiter.take(RateLimits.SUDO_CODES_PER_USER, Long.toString(userId), "confirmation codes");
    String code = String.format("%06d", Secrets.randomBelow(1_000_000));
    Instant expiresAt = now.plus(CODE_LIFETIME);
    codes.put(userId, mac.mac(PURPOSE, userId, code), expiresAt);
    try {
      send(caller, code);
    } catch (RuntimeException e) {
      codes.delete(userId); // let the user ask again once mail works
      throw e;
    }
    return new CodeRequest(true, expiresAt);
  }

  private void send(Authenticated caller, String code) {
    mailer.send(
        caller.user().email(),
        "Your KeyDesk confirmation code: " + code,
        "Your confirmation code is "
            + code
            + ".\n\nIt is valid for 15 minutes. Someone (hopefully you) asked to make a sensitive"
            + " change to your account.\nIf it was not you, change your password.\n");
  }

  /**
   * Opens sudo mode when {@code code} is the user's unexpired code; the code is then used up. A
   * wrong code counts against the stored one, which stops working at the {@value #MAX_WRONG_TRIES}th
   * wrong try (the user then requests a new one).
   *
   * @return the end of sudo mode
   * @throws ApiException 400 invalid-code, 429 after too many attempts
   */
  public Instant confirm(Authenticated caller, String code) {
    long userId = caller.user().id();
    limiter.take(RateLimits.SUDO_ATTEMPTS_PER_USER, Long.toString(userId), "code attempts");
    Instant now = clock.instant();
    Optional<SudoCode> stored = codes.get(userId).filter(c -> now.isBefore(c.expiresAt()));
    if (stored.isEmpty() || stored.get().failedAttempts() >= MAX_WRONG_TRIES) {
      throw invalid(
          "There is no valid code: it expired, was used, or too many wrong codes were tried.");
    }
    String given = code == null ? "" : code.trim();
    if (mac.matches(stored.get().codeHash(), PURPOSE, userId, given)) {
      // Conditional delete: a concurrent request with the same code, or the fifth wrong try
      // landing first, makes this one lose.
      if (!codes.consume(userId, stored.get().codeHash(), now, MAX_WRONG_TRIES)) {
        throw invalid("This code was already used or no longer works.");
      }
      return sessions.openSudo(caller, SUDO_LENGTH);
    }
    int failures = codes.recordFailure(userId, MAX_WRONG_TRIES);
    if (failures >= MAX_WRONG_TRIES) {
      throw invalid(
          "The code is wrong. After "
              + MAX_WRONG_TRIES
              + " wrong codes this code no longer works.");
    }
    int left = MAX_WRONG_TRIES - failures;
    throw new ApiException(
        ProblemType.INVALID_CODE,
        "The code is wrong. Check the latest email; "
            + left
            + (left == 1 ? " more try" : " more tries")
            + " before this code stops working.");
  }

  private static ApiException invalid(String what) {
    return new ApiException(
        ProblemType.INVALID_CODE,
        what + " Request a new code with POST /api/v1/sudo/code and use the one in that email.");
  }
}
