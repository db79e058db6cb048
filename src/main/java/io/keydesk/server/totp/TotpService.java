package io.keydesk.server.totp;

import com.google.common.io.BaseEncoding;
import io.keydesk.cbor.Bytes;
import io.keydesk.server.account.Secrets;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.ratelimit.RateLimiter;
import io.keydesk.server.ratelimit.RateLimits;
import io.keydesk.server.store.TotpDao;
import io.keydesk.server.store.TotpDao.TotpRecord;
import io.keydesk.server.store.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * TOTP enrolment (begin, confirm with a first code), removal, and verification: one step of drift
 * either side, each code accepted once (a step at or before the last used one is refused), 96
 * attempts per user per day.
 */
public final class TotpService {
  public static final int SECRET_BYTES = 20;
  private static final String ISSUER = "KeyDesk";

  private final TotpDao totp;
  private final RateLimiter limiter;
  private final Clock clock;

  public TotpService(TotpDao totp, RateLimiter limiter, Clock clock) {
    this.totp = totp;
    this.limiter = limiter;
    this.clock = clock;
  }

  /** Stores a new unconfirmed secret (replacing any) and returns it. */
  public TotpEnrolment begin(User user) {
    Bytes secret = Secrets.randomBytes(SECRET_BYTES);
    totp.put(user.id(), secret, false);
    String base32 = BaseEncoding.base32().omitPadding().encode(secret.toArray());
    String label = URLEncoder.encode(ISSUER + ":" + user.email(), StandardCharsets.UTF_8);
    String uri =
        "otpauth://totp/"
            + label.replace("+", "%20")
            + "?secret="
            + base32
            + "&issuer="
            + ISSUER
            + "&algorithm=SHA1&digits=6&period=30";
    return new TotpEnrolment(base32, uri);
  }

  /** Confirms a pending enrolment with a current code; TOTP is active afterwards. */
  public void confirm(User user, String code) {
    TotpRecord record =
        totp.get(user.id())
            .orElseThrow(
                () ->
                    new ApiException(
                        ProblemType.TOTP_NOT_ENROLLED,
                        "Start TOTP enrolment first with POST /api/v1/totp."));
    verify(user, record, code, true);
  }

  /** Checks a login code against a confirmed secret. */
  public void verifyForLogin(User user, String code) {
    TotpRecord record =
        totp.get(user.id())
            .filter(TotpRecord::confirmed)
            .orElseThrow(
                () ->
                    new ApiException(
                        ProblemType.TOTP_NOT_ENROLLED, "This account has no TOTP configured."));
    verify(user, record, code, false);
  }

  public void remove(User user) {
    totp.delete(user.id());
  }

  private void verify(User user, TotpRecord record, String code, boolean confirm) {
    limiter.take(RateLimits.TOTP_PER_USER, Long.toString(user.id()), "TOTP attempts");
    Optional<Long> step = matchingStep(record, code == null ? "" : code.trim());
    // The update is conditional (last_step < step), so a concurrent request that matched the same
    // step against the same stale record loses here.
    if (step.isEmpty() || !totp.markUsed(user.id(), step.get(), confirm)) {
      throw new ApiException(
          ProblemType.INVALID_CODE,
          "The TOTP code is wrong or was already used. Wait for the next code and retry.");
    }
  }

  private Optional<Long> matchingStep(TotpRecord record, String code) {
    long now = Totp.step(clock.instant());
    Optional<Long> match = Optional.empty();
    for (long step = now - 1; step <= now + 1; step++) {
      boolean equal =
          MessageDigest.isEqual(
              Totp.code(record.secret(), step).getBytes(StandardCharsets.US_ASCII),
              code.getBytes(StandardCharsets.US_ASCII));
      if (equal && step > record.lastStep() && match.isEmpty()) {
        match = Optional.of(step);
      }
    }
    return match;
  }
}
