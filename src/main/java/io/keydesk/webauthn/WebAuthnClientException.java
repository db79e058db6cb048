package io.keydesk.webauthn;

import java.util.Objects;

/**
 * A WebAuthn operation refused or failed, with a code named after the DOMException that a browser
 * would raise in the same place (WebAuthn L3 §5.1.3, §5.1.4, and the JSON parsing methods of
 * §5.1.8/§5.1.9). The message says what happened and what the user can do.
 */
public final class WebAuthnClientException extends Exception {

  /** The DOMException names a browser would use; {@link #domName()} gives the exact name. */
  public enum Code {
    /** The user or the authenticator refused, or nothing matched; deliberately vague. */
    NOT_ALLOWED("NotAllowedError"),
    /** Origin or RP ID rules broken (§5.1.4.1 step 7 / §5.1.3). */
    SECURITY_ERROR("SecurityError"),
    /** None of the requested algorithms or features is supported. */
    NOT_SUPPORTED("NotSupportedError"),
    /** E.g. an excluded credential is already on the authenticator. */
    INVALID_STATE("InvalidStateError"),
    /** A requirement (resident key, user verification) the authenticator cannot meet. */
    CONSTRAINT_ERROR("ConstraintError"),
    /** Cancelled by the caller. */
    ABORT_ERROR("AbortError"),
    /** The ceremony ran out of time. */
    TIMEOUT_ERROR("TimeoutError"),
    /** An input of the wrong shape, e.g. a user.id of 0 or more than 64 bytes (§5.1.3 step 5). */
    TYPE_ERROR("TypeError"),
    /** Bytes that do not decode: bad base64url, malformed authenticator data or CBOR. */
    ENCODING_ERROR("EncodingError"),
    /** Anything else. */
    UNKNOWN_ERROR("UnknownError");

    private final String domName;

    Code(String domName) {
      this.domName = domName;
    }

    /** The DOMException name, e.g. {@code "SecurityError"}. */
    public String domName() {
      return domName;
    }
  }

  private final Code code;

  public WebAuthnClientException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public WebAuthnClientException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }
}
