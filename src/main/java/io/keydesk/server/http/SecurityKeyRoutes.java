package io.keydesk.server.http;

import static io.keydesk.server.http.Bodies.caller;
import static io.keydesk.server.http.Bodies.json;
import static io.keydesk.server.http.Bodies.read;

import com.yubico.webauthn.data.AttestationConveyancePreference;
import io.javalin.Javalin;
import io.keydesk.server.account.Authenticated;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.webauthn.CeremonyStart;
import io.keydesk.server.webauthn.SecurityKeyService;
import java.util.List;

/** The account's security keys: list, register (begin/finish), rename, remove. */
final class SecurityKeyRoutes {
  static final String KEYS = AccountRoutes.BASE + "/security-keys";

  private SecurityKeyRoutes() {}

  static void install(Javalin app, Services s) {
    app.get(
        KEYS,
        ctx -> {
          Authenticated who = caller(ctx, s.sessions());
          List<io.keydesk.server.webauthn.KeyView> keys = s.keys().list(who.user());
          json(
              ctx,
              200,
              new Responses.KeyList(keys, s.accounts().twoFactor(who.user().id()).active()));
        });
    app.post(
        KEYS + "/registrations",
        ctx -> {
          Authenticated who = AccountRoutes.sudo(ctx, s);
          Requests.RegistrationBegin body = read(ctx, Requests.RegistrationBegin.class);
          CeremonyStart start = s.keys().beginRegistration(who, attestation(body.attestation()));
          json(
              ctx,
              200,
              new Responses.RegistrationStarted(start.id(), start.expiresAt(), start.publicKey()));
        });
    app.post(
        KEYS,
        ctx -> {
          Authenticated who = AccountRoutes.sudo(ctx, s);
          Requests.RegistrationFinish body = read(ctx, Requests.RegistrationFinish.class);
          json(
              ctx,
              201,
              s.keys()
                  .finishRegistration(who, body.registrationId(), body.name(), body.credential()));
        });
    app.patch(
        KEYS + "/{id}",
        ctx -> {
          Authenticated who = caller(ctx, s.sessions());
          String name = read(ctx, Requests.Rename.class).name();
          json(ctx, 200, s.keys().rename(who.user(), ctx.pathParam("id"), name));
        });
    app.delete(
        KEYS + "/{id}",
        ctx -> {
          Authenticated who = AccountRoutes.sudo(ctx, s);
          SecurityKeyService.Removal removal = s.keys().remove(who.user(), ctx.pathParam("id"));
          json(
              ctx,
              200,
              new Responses.KeyRemoved(
                  removal.removedId(),
                  removal.twoFactorActive(),
                  Responses.TwoFactor.of(removal.status())));
        });
  }

  /** "none" (default) or "direct"; others are refused. */
  private static AttestationConveyancePreference attestation(String value) {
    if (value == null || value.equals("none")) {
      return AttestationConveyancePreference.NONE;
    }
    if (value.equals("direct")) {
      return AttestationConveyancePreference.DIRECT;
    }
    throw new ApiException(
        ProblemType.INVALID_REQUEST, "attestation must be \"none\" or \"direct\", not " + value);
  }
}
