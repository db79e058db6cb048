package io.keydesk.rp;

import java.time.Duration;

/**
 * Timeouts of the RP clients.
 *
 * @param connectTimeout TCP and TLS connection set-up
 * @param readTimeout between bytes of an answer (and of a request body)
 * @param callTimeout the whole call, retries excluded
 */
public record RpClientOptions(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
  public static final RpClientOptions DEFAULT =
      new RpClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30));

  public RpClientOptions {
    for (Duration d : new Duration[] {connectTimeout, readTimeout, callTimeout}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
  }
}
