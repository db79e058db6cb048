package io.keydesk.server.totp;

import java.util.Objects;

/** A new TOTP secret in base32 and as an otpauth:// URI for authenticator apps. */
public record TotpEnrolment(String secret, String otpauthUri) {
  public TotpEnrolment {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(otpauthUri, "otpauthUri");
  }
}
