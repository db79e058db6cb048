package io.keydesk.server.account;

import io.keydesk.cbor.Bytes;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.store.Session;
import io.keydesk.server.store.SessionDao;
import io.keydesk.server.store.UserDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bearer-token sessions: 32 random bytes (base64url), stored as SHA-256, expiring after {@link
 * #LIFETIME}. Sudo mode is a property of the session.
 */
public final class SessionService {
  public static final Duration LIFETIME = Duration.ofHours(12);
  public static final int TOKEN_BYTES = 32;

  private final SessionDao sessions;
  private final UserDao users;
  private final Clock clock;

  public SessionService(SessionDao sessions, UserDao users, Clock clock) {
    this.sessions = sessions;
    this.users = users;
    this.clock = clock;
  }

  public IssuedSession create(long userId) {
    Bytes token = Secrets.randomBytes(TOKEN_BYTES);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(LIFETIME);
    sessions.insert(new Session(Secrets.sha256(token), userId, now, expiresAt, Optional.empty()));
    return new IssuedSession(token.base64Url(), expiresAt);
  }

  /**
   * The live session for {@code token}.
   *
   * @throws ApiException 401 when the token is unknown, malformed or expired
   */
  public Authenticated authenticate(String token) {
    Bytes raw;
    try {
      raw = Bytes.fromBase64Url(token);
    } catch (IllegalArgumentException e) {
      throw unauthenticated();
    }
    if (raw.length() != TOKEN_BYTES) {
      throw unauthenticated();
    }
    Session session = sessions.byTokenHash(Secrets.sha256(raw)).orElseThrow(this::unauthenticated);
    if (!clock.instant().isBefore(session.expiresAt())) {
      sessions.delete(session.tokenHash());
      throw new ApiException(
          ProblemType.UNAUTHENTICATED, "The session expired. Log in again.");
    }
    return users
        .byId(session.userId())
        .map(user -> new Authenticated(user, session))
        .orElseThrow(this::unauthenticated);
  }

  public void end(Authenticated caller) {
    sessions.delete(caller.session().tokenHash());
  }

  /** Ends every other session of the caller's user (after a password change). */
  public void endOthers(Authenticated caller) {
    sessions.deleteOthers(caller.user().id(), caller.session().tokenHash());
  }

  /** @throws ApiException 403 sudo-required unless the caller's session is in sudo mode */
  public void requireSudo(Authenticated caller) {
    if (!caller.session().inSudo(clock.instant())) {
      throw new ApiException(
          ProblemType.SUDO_REQUIRED,
          "This action needs sudo mode. Request a code with POST /api/v1/sudo/code,"
              + " then send it to POST /api/v1/sudo.");
    }
  }

  public Instant openSudo(Authenticated caller, Duration length) {
    Instant until = clock.instant().plus(length);
    sessions.openSudo(caller.session().tokenHash(), until);
    return until;
  }

  private ApiException unauthenticated() {
    return new ApiException(
        ProblemType.UNAUTHENTICATED,
        "Send a valid session token as 'Authorization: Bearer <token>'; log in to get one.");
  }
}
