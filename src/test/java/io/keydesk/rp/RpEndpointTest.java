package io.keydesk.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RpEndpointTest {
  @Test
  void httpsAnywhereHttpOnlyToLoopback() {
    assertThat(RpEndpoint.parse("https://rp.example.com").url()).isEqualTo("https://rp.example.com");
    assertThat(RpEndpoint.parse(" https://localhost:8443/ ").url()).isEqualTo("https://localhost:8443");
    assertThat(RpEndpoint.parse("http://localhost:8080").url()).isEqualTo("http://localhost:8080");
    assertThat(RpEndpoint.parse("http://127.0.0.1:8080").host()).isEqualTo("127.0.0.1");
    assertThat(RpEndpoint.parse("http://[::1]:8080").host()).isEqualTo("::1");
    assertThatThrownBy(() -> RpEndpoint.parse("http://rp.example.com"))
        .hasMessage("Plain http:// is allowed only to this computer (localhost); use https:// for"
            + " rp.example.com.");
    assertThatThrownBy(() -> RpEndpoint.parse("http://10.0.0.1")).hasMessageContaining("only to this computer");
    assertThatThrownBy(() -> RpEndpoint.parse("ftp://x")).hasMessageContaining("not a server address");
    assertThatThrownBy(() -> RpEndpoint.parse("https://rp.example.com/api")).hasMessageContaining("without a path");
    assertThatThrownBy(() -> RpEndpoint.parse("https://u:p@rp.example.com")).hasMessageContaining("user name");
  }

  @Test
  void originIsWhatABrowserWouldSend() {
    assertThat(RpEndpoint.parse("https://rp.example.com:443").origin()).isEqualTo("https://rp.example.com");
    assertThat(RpEndpoint.parse("https://localhost:8443").origin()).isEqualTo("https://localhost:8443");
    assertThat(RpEndpoint.parse("https://localhost:8443").resolve("api/v1/security-keys/a b").toString())
        .isEqualTo("https://localhost:8443/api/v1/security-keys/a%20b");
  }

  @Test
  void fingerprintsAreNormalisedAndShownWithColons() {
    String hex = "AB".repeat(32);
    assertThat(TrustDecision.pinned(hex).pinnedFingerprint()).contains("ab".repeat(32));
    assertThat(CertificatePinning.display("ab".repeat(32))).startsWith("AB:AB:").hasSize(95);
    assertThat(TrustDecision.systemTrust().pinnedFingerprint()).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> TrustDecision.pinned("abc")).hasMessageContaining("64 hexadecimal digits");
  }

  @Test
  void problemMessagesSayWhatToDo() {
    Problem limited =
        new Problem("urn:keydesk:problem:rate-limited", "Too many", 429, Optional.empty(), Optional.of(120L));
    assertThat(new RelyingPartyException(429, limited).getMessage())
        .isEqualTo("Too many attempts; try again in 2 minutes.");
    Problem hours =
        new Problem("urn:keydesk:problem:rate-limited", "Too many", 429, Optional.empty(), Optional.of(7380L));
    assertThat(new RelyingPartyException(429, hours).getMessage())
        .isEqualTo("Too many attempts; try again in 3 hours.");
    Problem server = new Problem(null, "Internal", 500, Optional.of("db down"), Optional.empty());
    assertThat(new RelyingPartyException(500, server).getMessage())
        .isEqualTo("The server failed (HTTP 500: db down). Try again later.");
  }
}
