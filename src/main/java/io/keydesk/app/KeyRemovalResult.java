package io.keydesk.app;

import java.util.Optional;

/**
 * What removing a key left: whether two-factor authentication is still active at the account, and
 * the warning to show when it is not.
 */
public record KeyRemovalResult(
    String keyId, String keyName, boolean twoFactorActive, AccountKeysView keys) {
  public static final String TWO_FACTOR_OFF =
      "Two-factor authentication is now off for this account: only the password protects it."
          + " Add a security key to turn it on again.";

  public Optional<String> warning() {
    return twoFactorActive ? Optional.empty() : Optional.of(TWO_FACTOR_OFF);
  }
}
