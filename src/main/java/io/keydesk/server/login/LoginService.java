package io.keydesk.server.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.AssertionRequest;
import io.keydesk.server.account.AccountService;
import io.keydesk.server.account.IssuedSession;
import io.keydesk.server.account.SessionService;
import io.keydesk.server.account.TwoFactorStatus;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.ratelimit.RateLimiter;
import io.keydesk.server.ratelimit.RateLimits;
import io.keydesk.server.store.PendingStore;
import io.keydesk.server.store.User;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.totp.BackupCodeService;
import io.keydesk.server.totp.TotpService;
import io.keydesk.server.webauthn.SecurityKeyService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Login: the password step, then, when two-factor authentication is active, one second-factor
 * step (security key, TOTP or backup code) within {@link #SECOND_STEP_TIMEOUT}. A security-key
 * attempt uses up the login (its challenge is single-use); a wrong code may be retried, within the
 * second-factor limits (6 per minute per user and per IP).
 */
public final class LoginService {
  public static final Duration SECOND_STEP_TIMEOUT = Duration.ofSeconds(300);
  public static final String SECURITY_KEY = "security_key";
  public static final String TOTP = "totp";
  public static final String BACKUP_CODE = "backup_code";

  private record PendingLogin(long userId, Optional<AssertionRequest> assertion) {}

  private final AccountService accounts;
  private final SessionService sessions;
  private final SecurityKeyService keys;
  private final TotpService totp;
  private final BackupCodeService backupCodes;
  private final UserDao users;
  private final RateLimiter limiter;
  private final PendingStore<PendingLogin> pending;

  public LoginService(
      AccountService accounts,
      SessionService sessions,
      SecurityKeyService keys,
      TotpService totp,
      BackupCodeService backupCodes,
      UserDao users,
      RateLimiter limiter,
      Clock clock) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.keys = keys;
    this.totp = totp;
    this.backupCodes = backupCodes;
    this.users = users;
    this.limiter = limiter;
    this.pending = new PendingStore<>(clock, SECOND_STEP_TIMEOUT);
  }

  public LoginOutcome passwordStep(String email, String password, String ip) {
    User user = accounts.checkPassword(email, password, ip);
    TwoFactorStatus status = accounts.twoFactor(user.id());
    if (!status.active()) {
      return new LoginOutcome.Session(sessions.create(user.id()));
    }
    List<String> methods = new ArrayList<>();
    Optional<AssertionRequest> assertion = Optional.empty();
    if (status.securityKeys() > 0) {
      methods.add(SECURITY_KEY);
      assertion = Optional.of(keys.beginAssertion(user));
    }
    if (status.totp()) {
      methods.add(TOTP);
    }
    if (status.backupCodesRemaining() > 0) {
      methods.add(BACKUP_CODE);
    }
    String loginId = UUID.randomUUID().toString();
    Instant expiresAt = pending.put(loginId, new PendingLogin(user.id(), assertion));
    return new LoginOutcome.SecondFactor(
        loginId, expiresAt, methods, assertion.map(SecurityKeyService::requestOptionsJson));
  }

  public IssuedSession securityKeyStep(String loginId, JsonNode credential, String ip) {
    // Limits first: a 429 is no attempt, so it must not use the login up (Retry-After promises
    // that the same request works later). Then take: the challenge is single-use.
    User user = limited(pending.peek(key(loginId)).orElseThrow(LoginService::expired), ip);
    PendingLogin login = pending.take(key(loginId)).orElseThrow(LoginService::expired);
    AssertionRequest request =
        login
            .assertion()
            .orElseThrow(
                () ->
                    new ApiException(
                        ProblemType.INVALID_REQUEST, "This account has no security keys."));
    keys.finishAssertion(user, request, credential);
    return sessions.create(user.id());
  }

  public IssuedSession totpStep(String loginId, String code, String ip) {
    return codeStep(loginId, ip, user -> totp.verifyForLogin(user, code));
  }

  public IssuedSession backupCodeStep(String loginId, String code, String ip) {
    return codeStep(loginId, ip, user -> backupCodes.consume(user, code));
  }

  /**
   * A code step: limits first (a 429 leaves the login as it was), then the login is held
   * exclusively while the code is checked, so two concurrent requests cannot both turn one login
   * into a session; a wrong code puts it back for a retry.
   */
  private IssuedSession codeStep(String loginId, String ip, Consumer<User> check) {
    PendingLogin peeked = pending.peek(key(loginId)).orElseThrow(LoginService::expired);
    limited(peeked, ip);
    return pending
        .attempt(
            key(loginId),
            login -> {
              User user = users.byId(login.userId()).orElseThrow(LoginService::expired);
              check.accept(user);
              return sessions.create(user.id());
            })
        .orElseThrow(LoginService::expired);
  }

  private User limited(PendingLogin login, String ip) {
    limiter.take(RateLimits.SECOND_FACTOR_PER_IP, ip, "second-factor attempts from this address");
    limiter.take(
        RateLimits.SECOND_FACTOR_PER_USER, Long.toString(login.userId()), "second-factor attempts");
    return users.byId(login.userId()).orElseThrow(LoginService::expired);
  }

  private static String key(String loginId) {
    return loginId == null ? "" : loginId;
  }

  private static ApiException expired() {
    return new ApiException(
        ProblemType.CEREMONY_EXPIRED,
        "This login step is unknown, expired (300 s) or already used. Log in again.");
  }
}
