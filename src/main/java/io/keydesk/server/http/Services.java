package io.keydesk.server.http;

import io.keydesk.server.account.AccountService;
import io.keydesk.server.account.SessionService;
import io.keydesk.server.login.LoginService;
import io.keydesk.server.ratelimit.RateLimiter;
import io.keydesk.server.sudo.SudoService;
import io.keydesk.server.totp.BackupCodeService;
import io.keydesk.server.totp.TotpService;
import io.keydesk.server.webauthn.ConformanceService;
import io.keydesk.server.webauthn.SecurityKeyService;
import java.util.Objects;

/** The services the HTTP layer calls. */
public record Services(
    AccountService accounts,
    SessionService sessions,
    LoginService logins,
    SudoService sudo,
    SecurityKeyService keys,
    TotpService totp,
    BackupCodeService backupCodes,
    ConformanceService conformance,
    RateLimiter limiter) {
  public Services {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(logins, "logins");
    Objects.requireNonNull(sudo, "sudo");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(totp, "totp");
    Objects.requireNonNull(backupCodes, "backupCodes");
    Objects.requireNonNull(conformance, "conformance");
    Objects.requireNonNull(limiter, "limiter");
  }
}
