package io.keydesk.rp;

import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The answer to the password step of a login (docs/rp-api.md {@code POST /api/v1/sessions}). */
public sealed interface LoginStep {
  String SECURITY_KEY = "security_key";
  String TOTP = "totp";
  String BACKUP_CODE = "backup_code";

  /** No second factor: logged in. */
  record Authenticated(RpSession session) implements LoginStep {}

  /**
   * The second step, to finish by {@code expiresAt} with one of {@code methods}; {@code publicKey}
   * is present when the account has keys.
   */
  record SecondFactorRequired(
      String loginId,
      Instant expiresAt,
      List<String> methods,
      Optional<PublicKeyCredentialRequestOptionsJSON> publicKey)
      implements LoginStep {
    public SecondFactorRequired {
      methods = List.copyOf(methods);
    }

    public boolean offers(String method) {
      return methods.contains(method);
    }
  }
}
