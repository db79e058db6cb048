package io.keydesk.server;

import io.keydesk.server.mail.Mailer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to run the reference relying party.
 *
 * @param dataDirectory SQLite database and TLS certificate live here
 * @param rpId the WebAuthn RP ID (a host name); the certificate is made for it
 * @param bindHost the address to listen on
 * @param port the TLS port, 0 for any free port
 * @param mailer where emailed codes go
 * @param clock the time source (tests move it)
 * @param conformance whether the FIDO conformance-tools endpoints ({@code /attestation/*}, {@code
 *     /assertion/*}) are served; off by default because they are unauthenticated and create a user
 *     per {@code /attestation/options} call
 */
public record ServerOptions(
    Path dataDirectory,
    String rpId,
    String bindHost,
    int port,
    Mailer mailer,
    Clock clock,
    boolean conformance) {
  public static final int DEFAULT_PORT = 8443;
  public static final String DEFAULT_RP_ID = "localhost";

  public ServerOptions {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(mailer, "mailer");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (rpId.isBlank() || rpId.contains(":") || rpId.contains("/")) {
      throw new IllegalArgumentException(
          "The RP ID must be a host name such as example.com, not '" + rpId + "'");
    }
  }

  /** Options without the conformance endpoints. */
  public ServerOptions(
      Path dataDirectory, String rpId, String bindHost, int port, Mailer mailer, Clock clock) {
    this(dataDirectory, rpId, bindHost, port, mailer, clock, false);
  }

  /** These options with the conformance endpoints on or off. */
  public ServerOptions withConformance(boolean on) {
    return new ServerOptions(dataDirectory, rpId, bindHost, port, mailer, clock, on);
  }
}
