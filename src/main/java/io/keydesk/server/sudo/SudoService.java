package io.keydesk.server.sudo;

import io.keydesk.cbor.Bytes;
import io.keydesk.server.account.Authenticated;
import io.keydesk.server.account.Secrets;
import io.keydesk.server.account.SessionService;
import io.keydesk.server.mail.Mailer;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.ratelimit.RateLimiter;
import io.keydesk.server.ratelimit.RateLimits;
import io.keydesk.server.store.SudoCodeDao;
import io.keydesk.server.store.SudoCodeDao.SudoCode;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sudo mode by emailed code (as Healthchecks does): a six-digit code valid {@link #CODE_LIFETIME};
 * no new code while one is unexpired; at most 10 codes per user per day; a correct code (single
 * use, compared in constant time) opens sudo mode on the session for {@link #SUDO_LENGTH}.
 */
public final class SudoService {
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
  public static final Duration SUDO_LENGTH = Duration.ofMinutes(30);

  /** The answer to a code request: whether a new email went out, and until when the code lives. */
  public record CodeRequest(boolean sent, Instant expiresAt) {}

  private final SudoCodeDao codes;
  private final SessionService sessions;
  private final Mailer mailer;
  private final RateLimiter limiter;
  private final Clock clock;

  public SudoService(
      SudoCodeDao codes,
      SessionService sessions,
      Mailer mailer,
      RateLimiter limiter,
      Clock clock) {
    this.codes = codes;
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
    codes.put(userId, hash(userId, code), expiresAt);
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
   * Opens sudo mode when {@code code} is the user's unexpired code; the code is then used up.
   *
   * @return the end of sudo mode
   * @throws ApiException 400 invalid-code, 429 after too many attempts
   */
  public Instant confirm(Authenticated caller, String code) {
    long userId = caller.user().id();
    limiter.take(RateLimits.SUDO_ATTEMPTS_PER_USER, Long.toString(userId), "code attempts");
    Instant now = clock.instant();
    Optional<SudoCode> stored = codes.get(userId);
    boolean valid =
        code != null
            && stored.isPresent()
            && now.isBefore(stored.get().expiresAt())
            && MessageDigest.isEqual(
                stored.get().codeHash().toArray(), hash(userId, code.trim()).toArray());
    if (!valid) {
      throw new ApiException(
          ProblemType.INVALID_CODE,
          "The code is wrong or expired. Check the latest email, or request a new code.");
    }
    codes.delete(userId);
    return sessions.openSudo(caller, SUDO_LENGTH);
  }

  private static Bytes hash(long userId, String code) {
    return Secrets.sha256(userId + ":" + code);
  }
}
