package io.keydesk.authenticator.ctap;

import java.util.Optional;

/** credProtect levels (CTAP 2.1 section 12.1), with the rule each sets for getAssertion. */
public enum CredProtect {
  /** userVerificationOptional: usable like any credential. */
  UV_OPTIONAL(1),
  /** userVerificationOptionalWithCredentialIDList: discoverable only with UV. */
  UV_OPTIONAL_WITH_CREDENTIAL_ID_LIST(2),
  /** userVerificationRequired: needs UV, with or without an allowList. */
  UV_REQUIRED(3);

  /** The extension identifier in requests, responses and getInfo. */
  public static final String EXTENSION = "credProtect";

  private final int level;

  CredProtect(int level) {
    this.level = level;
  }

  public int level() {
    return level;
  }

  public static Optional<CredProtect> of(long level) {
    for (CredProtect value : values()) {
      if (value.level == level) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether getAssertion may use a credential with this level (section 12.1 and section 6.2.2 step
   * 7).
   *
   * @param fromAllowList the credential was named in the request's allowList
   * @param userVerified the request carried a valid pinUvAuthParam (or built-in UV)
   */
  public boolean allowsAssertion(boolean fromAllowList, boolean userVerified) {
    return switch (this) {
      case UV_OPTIONAL -> true;
      case UV_OPTIONAL_WITH_CREDENTIAL_ID_LIST -> fromAllowList || userVerified;
      case UV_REQUIRED -> userVerified;
    };
  }
}
