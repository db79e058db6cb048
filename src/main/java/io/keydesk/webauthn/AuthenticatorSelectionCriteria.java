package io.keydesk.webauthn;

import java.util.Optional;

/**
 * WebAuthn L3 §5.4.4 AuthenticatorSelectionCriteria. Values are kept as strings because the spec
 * tells clients to ignore unknown enumeration values rather than fail (§2.1.1).
 */
public record AuthenticatorSelectionCriteria(
    Optional<String> authenticatorAttachment,
    Optional<String> residentKey,
    boolean requireResidentKey,
    Optional<String> userVerification) {
  public static final String REQUIRED = "required";
  public static final String PREFERRED = "preferred";
  public static final String DISCOURAGED = "discouraged";

  public AuthenticatorSelectionCriteria {
    authenticatorAttachment = Members.optional(authenticatorAttachment);
    residentKey = Members.optional(residentKey);
    userVerification = Members.optional(userVerification);
  }

  /**
   * The effective residentKey requirement (§5.4.4): the residentKey member when it is a known
   * value, else "required" when requireResidentKey is true, else "discouraged".
   */
  public String effectiveResidentKey() {
    return residentKey
        .filter(
            value -> value.equals(REQUIRED) || value.equals(PREFERRED) || value.equals(DISCOURAGED))
        .orElse(requireResidentKey ? REQUIRED : DISCOURAGED);
  }

  /** The effective userVerification requirement; unknown or absent means "preferred". */
  public String effectiveUserVerification() {
    return UserVerification.effective(userVerification);
  }
}
