package io.keydesk.server.problem;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request failed in a way the client can act on; the HTTP layer renders it as {@code
 * application/problem+json} (RFC 9457) with {@code Retry-After} when {@link #retryAfter} is set.
 */
public final class ApiException extends RuntimeException {
  private final ProblemType type;
  private final Map<String, Object> extensions;
  private final Optional<Duration> retryAfter;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, Map.of(), Optional.empty());
  }

  public ApiException(
      ProblemType type, String detail, Map<String, Object> extensions, Optional<Duration> retryAfter) {
    super(detail);
    this.type = Objects.requireNonNull(type, "type");
    this.extensions = Map.copyOf(extensions);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** 429 with Retry-After rounded up to whole seconds. */
  public static ApiException rateLimited(String detail, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ApiException(
        ProblemType.RATE_LIMITED,
        detail,
        Map.of("retryAfterSeconds", seconds),
        Optional.of(Duration.ofSeconds(seconds)));
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
