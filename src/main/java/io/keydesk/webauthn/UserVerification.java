package io.keydesk.webauthn;

import java.util.Optional;

/** WebAuthn L3 §5.8.6 UserVerificationRequirement, defaulted as the spec says. */
final class UserVerification {
  private UserVerification() {}

  /** Absent or unknown values mean "preferred". */
  static String effective(Optional<String> requested) {
    return requested
        .filter(
            value ->
                value.equals(AuthenticatorSelectionCriteria.REQUIRED)
                    || value.equals(AuthenticatorSelectionCriteria.PREFERRED)
                    || value.equals(AuthenticatorSelectionCriteria.DISCOURAGED))
        .orElse(AuthenticatorSelectionCriteria.PREFERRED);
  }
}
