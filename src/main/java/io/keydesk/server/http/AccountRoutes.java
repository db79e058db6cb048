package io.keydesk.server.http;

import static io.keydesk.server.http.Bodies.caller;
import static io.keydesk.server.http.Bodies.json;
import static io.keydesk.server.http.Bodies.read;

import io.javalin.Javalin;
import io.keydesk.server.account.Authenticated;
import io.keydesk.server.account.IssuedSession;
import io.keydesk.server.login.LoginOutcome;
import io.keydesk.server.store.User;
import io.keydesk.server.sudo.SudoService;
import io.keydesk.server.totp.TotpEnrolment;
import java.time.Clock;
import java.util.Optional;

/** Accounts, sessions (login and its second step), sudo mode, TOTP and backup codes. */
final class AccountRoutes {
  static final String BASE = "/api/v1";

  private AccountRoutes() {}

  static void install(Javalin app, Services s, Clock clock) {
    app.post(
        BASE + "/accounts",
        ctx -> {
          Requests.Credentials body = read(ctx, Requests.Credentials.class);
          User user = s.accounts().signUp(body.email(), body.password(), ctx.ip());
          json(ctx, 201, new Responses.AccountCreated(user.email(), user.createdAt()));
        });
    app.post(
        BASE + "/sessions",
        ctx -> {
          Requests.Credentials body = read(ctx, Requests.Credentials.class);
          LoginOutcome outcome = s.logins().passwordStep(body.email(), body.password(), ctx.ip());
          if (outcome instanceof LoginOutcome.Session session) {
            issued(ctx, session.session());
          } else if (outcome instanceof LoginOutcome.SecondFactor step) {
            json(
                ctx,
                200,
                new Responses.SecondFactorStep(
                    "second_factor_required",
                    step.loginId(),
                    step.expiresAt(),
                    step.methods(),
                    step.publicKey()));
          }
        });
    app.post(
        BASE + "/sessions/security-key",
        ctx -> {
          Requests.SecurityKeyStep body = read(ctx, Requests.SecurityKeyStep.class);
          issued(ctx, s.logins().securityKeyStep(body.loginId(), body.credential(), ctx.ip()));
        });
    app.post(
        BASE + "/sessions/totp",
        ctx -> {
          Requests.CodeStep body = read(ctx, Requests.CodeStep.class);
          issued(ctx, s.logins().totpStep(body.loginId(), body.code(), ctx.ip()));
        });
    app.post(
        BASE + "/sessions/backup-code",
        ctx -> {
          Requests.CodeStep body = read(ctx, Requests.CodeStep.class);
          issued(ctx, s.logins().backupCodeStep(body.loginId(), body.code(), ctx.ip()));
        });
    app.delete(
        BASE + "/sessions/current",
        ctx -> {
          s.sessions().end(caller(ctx, s.sessions()));
          ctx.status(204);
        });

    app.get(BASE + "/account", ctx -> json(ctx, 200, account(s, caller(ctx, s.sessions()), clock)));
    app.put(
        BASE + "/account/email",
        ctx -> {
          Authenticated who = sudo(ctx, s);
          s.accounts().changeEmail(who, read(ctx, Requests.NewEmail.class).email());
          json(ctx, 200, account(s, s.sessions().authenticate(token(ctx)), clock));
        });
    app.put(
        BASE + "/account/password",
        ctx -> {
          Authenticated who = sudo(ctx, s);
          s.accounts().changePassword(who, read(ctx, Requests.NewPassword.class).password());
          s.sessions().endOthers(who);
          ctx.status(204);
        });
    app.delete(
        BASE + "/account",
        ctx -> {
          s.accounts().close(sudo(ctx, s));
          ctx.status(204);
        });

    app.post(
        BASE + "/sudo/code",
        ctx -> {
          SudoService.CodeRequest request = s.sudo().requestCode(caller(ctx, s.sessions()));
          json(ctx, 200, new Responses.SudoCode(request.sent(), request.expiresAt()));
        });
    app.post(
        BASE + "/sudo",
        ctx -> {
          Authenticated who = caller(ctx, s.sessions());
          String code = read(ctx, Requests.Code.class).code();
          json(ctx, 200, new Responses.SudoOpen(s.sudo().confirm(who, code)));
        });

    app.post(
        BASE + "/totp",
        ctx -> {
          TotpEnrolment enrolment = s.totp().begin(sudo(ctx, s).user());
          json(ctx, 200, new Responses.TotpStarted(enrolment.secret(), enrolment.otpauthUri()));
        });
    app.post(
        BASE + "/totp/confirm",
        ctx -> {
          Authenticated who = sudo(ctx, s);
          s.totp().confirm(who.user(), read(ctx, Requests.Code.class).code());
          json(ctx, 200, twoFactor(s, who));
        });
    app.delete(
        BASE + "/totp",
        ctx -> {
          Authenticated who = sudo(ctx, s);
          s.totp().remove(who.user());
          json(ctx, 200, twoFactor(s, who));
        });
    app.post(
        BASE + "/backup-codes",
        ctx ->
            json(ctx, 200, new Responses.BackupCodes(s.backupCodes().regenerate(sudo(ctx, s).user()))));
  }

  static Authenticated sudo(io.javalin.http.Context ctx, Services s) {
    Authenticated who = caller(ctx, s.sessions());
    s.sessions().requireSudo(who);
    return who;
  }

  private static String token(io.javalin.http.Context ctx) {
    return ctx.header("Authorization").substring("Bearer ".length()).trim();
  }

  private static void issued(io.javalin.http.Context ctx, IssuedSession session) {
    json(ctx, 201, new Responses.SessionIssued(session.token(), session.expiresAt()));
  }

  private static Responses.TwoFactorAnswer twoFactor(Services s, Authenticated who) {
    return new Responses.TwoFactorAnswer(
        Responses.TwoFactor.of(s.accounts().twoFactor(who.user().id())));
  }

  private static Responses.Account account(Services s, Authenticated who, Clock clock) {
    Optional<java.time.Instant> sudoUntil =
        who.session().inSudo(clock.instant()) ? who.session().sudoUntil() : Optional.empty();
    return new Responses.Account(
        who.user().email(),
        who.user().createdAt(),
        Responses.TwoFactor.of(s.accounts().twoFactor(who.user().id())),
        sudoUntil);
  }
}
