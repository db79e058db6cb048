package io.keydesk.rp;

import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 9457 problem details document as a relying party sent it ({@code
 * application/problem+json}), with the {@code Retry-After} of a 429 answer.
 *
 * @param type the problem type URI, {@code about:blank} when absent
 * @param title a short summary from the server
 * @param status the HTTP status
 * @param detail the server's explanation, when given
 * @param retryAfterSeconds when to try again (429), from the header or {@code retryAfterSeconds}
 */
public record Problem(
    String type,
    String title,
    int status,
    Optional<String> detail,
    Optional<Long> retryAfterSeconds) {
  /** The type prefix of the KeyDesk RP API (docs/rp-api.md, "Errors"). */
  public static final String KEYDESK_PREFIX = "urn:keydesk:problem:";

  public static final String SUDO_REQUIRED = "sudo-required";
  public static final String RATE_LIMITED = "rate-limited";
  public static final String UNAUTHENTICATED = "unauthenticated";
  public static final String BAD_CREDENTIALS = "bad-credentials";
  public static final String INVALID_CODE = "invalid-code";
  public static final String NOT_FOUND = "not-found";
  public static final String CEREMONY_EXPIRED = "ceremony-expired";

  public Problem {
    type = type == null || type.isBlank() ? "about:blank" : type;
    title = title == null ? "" : title;
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
  }

  /** The short name of a KeyDesk problem type ("sudo-required"), or the whole type otherwise. */
  public String slug() {
    return type.startsWith(KEYDESK_PREFIX) ? type.substring(KEYDESK_PREFIX.length()) : type;
  }

  public boolean is(String slug) {
    return slug().equals(slug);
  }
}
