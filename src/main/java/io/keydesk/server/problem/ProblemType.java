package io.keydesk.server.problem;

/**
 * Every problem type the API answers with (RFC 9457 §3.1 {@code type}, {@code title}, {@code
 * status}). The URI is {@code urn:keydesk:problem:<slug>}; docs/rp-api.md lists them all.
 */
public enum ProblemType {
  INVALID_REQUEST("invalid-request", 400, "The request is malformed"),
  INVALID_EMAIL("invalid-email", 400, "The email address is not valid"),
  WEAK_PASSWORD("weak-password", 400, "The password does not meet the requirements"),
  INVALID_NAME("invalid-name", 400, "The key name is empty or longer than 100 characters"),
  INVALID_CODE("invalid-code", 400, "The code is wrong, expired or already used"),
  UNAUTHENTICATED("unauthenticated", 401, "A valid session token is required"),
  BAD_CREDENTIALS("bad-credentials", 401, "The email or password is wrong"),
  SUDO_REQUIRED("sudo-required", 403, "Confirm it is you: this action needs sudo mode"),
  NOT_FOUND("not-found", 404, "No such resource"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "The method is not allowed on this resource"),
  EMAIL_TAKEN("email-taken", 409, "An account with this email address exists"),
  CREDENTIAL_EXISTS("credential-exists", 409, "This security key is already registered"),
  TOO_MANY_KEYS("too-many-keys", 409, "The account has the maximum number of security keys"),
  TOTP_NOT_ENROLLED("totp-not-enrolled", 409, "No TOTP enrolment is pending or active"),
  CEREMONY_EXPIRED(
      "ceremony-expired", 410, "The registration or login step expired or was already used"),
  WEBAUTHN_FAILED("webauthn-failed", 400, "The security key response could not be verified"),
  RATE_LIMITED("rate-limited", 429, "Too many attempts; retry later"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Send application/json"),
  INTERNAL("internal", 500, "The server failed; try again later");

  private final String slug;
  private final int status;
  private final String title;

  ProblemType(String slug, int status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public String uri() {
    return "urn:keydesk:problem:" + slug;
  }

  public String slug() {
    return slug;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
