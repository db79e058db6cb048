package io.keydesk.server.ratelimit;

import java.time.Duration;

/**
 * The limits of docs/relying-party.md (Healthchecks' token buckets and Discourse's second-factor
 * limit). Each is keyed by what the name says (an email, an IP address, a user id).
 */
public final class RateLimits {
  public static final Limit LOGIN_PER_EMAIL = new Limit("login-email", 20, Duration.ofDays(1));
  public static final Limit AUTH_PER_IP = new Limit("auth-ip", 20, Duration.ofHours(1));
  public static final Limit SIGNUP_PER_IP = new Limit("signup-ip", 20, Duration.ofHours(1));
  public static final Limit SUDO_CODES_PER_USER = new Limit("sudo-codes", 10, Duration.ofDays(1));
  public static final Limit SUDO_ATTEMPTS_PER_USER =
      new Limit("sudo-attempts", 6, Duration.ofMinutes(1));
  public static final Limit TOTP_PER_USER = new Limit("totp", 96, Duration.ofDays(1));
  public static final Limit SECOND_FACTOR_PER_USER =
      new Limit("second-factor-user", 6, Duration.ofMinutes(1));
  public static final Limit SECOND_FACTOR_PER_IP =
      new Limit("second-factor-ip", 6, Duration.ofMinutes(1));

  /** The FIDO conformance endpoints (only with --conformance): 120 requests a minute per IP. */
  public static final Limit CONFORMANCE_PER_IP =
      new Limit("conformance-ip", 120, Duration.ofMinutes(1));

  private RateLimits() {}
}
