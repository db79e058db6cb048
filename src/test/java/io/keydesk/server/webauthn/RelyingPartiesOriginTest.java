package io.keydesk.server.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression: java-webauthn-server's {@code allowOriginPort} ignores the scheme, so the RP took
 * assertions made for {@code http://localhost:PORT} (found by the end-to-end tests). The RP now
 * accepts exactly {@code https://<rp id>} on any port.
 */
class RelyingPartiesOriginTest {
  private final RelyingParties parties =
      new RelyingParties("localhost", "KeyDesk", null, null, Clock.systemUTC());

  @ParameterizedTest
  @CsvSource({
    "https://localhost, true",
    "https://localhost:8443, true",
    "https://localhost:1, true",
    "http://localhost, false",
    "http://localhost:8443, false",
    "https://evil.localhost, false",
    "https://localhost.evil.example, false",
    "https://user@localhost, false",
    "https://localhost/path, false",
    "https://localhost:8443/, false",
    "HTTPS://LOCALHOST, false",
    "android:apk-key-hash:abc, false",
    "'', false"
  })
  void onlyHttpsOnTheRpIdOnAnyPort(String origin, boolean allowed) {
    assertThat(parties.isAllowedOrigin(origin)).isEqualTo(allowed);
  }
}
