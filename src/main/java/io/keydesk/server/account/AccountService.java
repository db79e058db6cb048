package io.keydesk.server.account;

import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.ratelimit.RateLimiter;
import io.keydesk.server.ratelimit.RateLimits;
import io.keydesk.server.store.BackupCodeDao;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.Database;
import io.keydesk.server.store.TotpDao;
import io.keydesk.server.store.User;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.store.UserKind;
import java.time.Clock;
import java.util.Optional;

/** Sign-up, password check, email and password changes, closing the account. */
public final class AccountService {
  private final Database db;
  private final UserDao users;
  private final CredentialDao credentials;
  private final TotpDao totp;
  private final BackupCodeDao backupCodes;
  private final PasswordHasher hasher;
  private final RateLimiter limiter;
  private final Clock clock;
  private final String dummyHash;

  public AccountService(
      Database db, PasswordHasher hasher, RateLimiter limiter, Clock clock) {
    this.db = db;
    this.users = new UserDao(db);
    this.credentials = new CredentialDao(db);
    this.totp = new TotpDao(db);
    this.backupCodes = new BackupCodeDao(db);
    this.hasher = hasher;
    this.limiter = limiter;
    this.clock = clock;
    this.dummyHash = hasher.hash("not a real password, only for timing");
  }

  public User signUp(String email, String password, String ip) {
    limiter.take(RateLimits.SIGNUP_PER_IP, ip, "sign-ups from this address");
    String normalised = Emails.normalise(email);
    String hash = hasher.hash(Passwords.check(password));
    return db.inTransaction(
        c -> {
          if (users.byEmail(UserKind.ACCOUNT, normalised).isPresent()) {
            throw new ApiException(
                ProblemType.EMAIL_TAKEN,
                "An account for " + normalised + " exists. Log in, or use another address.");
          }
          return users.insert(
              UserKind.ACCOUNT,
              normalised,
              Optional.of(hash),
              Secrets.randomBytes(User.USER_HANDLE_LENGTH),
              clock.instant());
        });
  }

  /**
   * The user whose email and password match, after the per-IP and per-email limits.
   *
   * @throws ApiException 401 bad-credentials (same answer for an unknown email), 429
   */
  public User checkPassword(String email, String password, String ip) {
    limiter.take(RateLimits.AUTH_PER_IP, ip, "login attempts from this address");
    String normalised = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
    limiter.take(RateLimits.LOGIN_PER_EMAIL, normalised, "login attempts for this account");
    Optional<User> user = users.byEmail(UserKind.ACCOUNT, normalised);
    String hash = user.flatMap(User::passwordHash).orElse(dummyHash);
    boolean matches = password != null && hasher.verify(password, hash);
    if (user.isEmpty() || !matches) {
      throw new ApiException(
          ProblemType.BAD_CREDENTIALS, "The email or password is wrong. Check both and retry.");
    }
    return user.get();
  }

  public User changeEmail(Authenticated caller, String email) {
    String normalised = Emails.normalise(email);
    return db.inTransaction(
        c -> {
          Optional<User> other = users.byEmail(UserKind.ACCOUNT, normalised);
          if (other.isPresent() && other.get().id() != caller.user().id()) {
            throw new ApiException(
                ProblemType.EMAIL_TAKEN, "Another account uses " + normalised + ".");
          }
          users.updateEmail(caller.user().id(), normalised);
          return users.byId(caller.user().id()).orElseThrow();
        });
  }

  public void changePassword(Authenticated caller, String password) {
    users.updatePasswordHash(caller.user().id(), hasher.hash(Passwords.check(password)));
  }

  /** Deletes the user with sessions, keys, TOTP and codes. */
  public void close(Authenticated caller) {
    users.delete(caller.user().id());
  }

  public TwoFactorStatus twoFactor(long userId) {
    return db.inTransaction(
        c ->
            new TwoFactorStatus(
                credentials.countByUser(userId),
                totp.isActive(userId),
                backupCodes.remaining(userId)));
  }
}
