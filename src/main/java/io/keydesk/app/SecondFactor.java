package io.keydesk.app;

import java.util.Objects;

/** How the user finishes the second step of a login (docs/rp-api.md "Sessions"). */
public sealed interface SecondFactor {
  /** An assertion from the plugged-in key. */
  record UseSecurityKey() implements SecondFactor {}

  /** A code from an authenticator app (RFC 6238). */
  record Totp(String code) implements SecondFactor {
    public Totp {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
      return "Totp[(hidden)]";
    }
  }

  /** One of the account's single-use backup codes. */
  record BackupCode(String code) implements SecondFactor {
    public BackupCode {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
      return "BackupCode[(hidden)]";
    }
  }
}
