package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FIDO conformance endpoints: option shapes and failures in their own format. */
class ConformanceApiTest extends ApiTestBase {
  @Test
  void attestationOptionsFollowTheRequest() {
    var answer =
        rp.post(
                "/attestation/options",
                null,
                Map.of(
                    "username", "johndoe@example.com",
                    "displayName", "John Doe",
                    "authenticatorSelection",
                        Map.of("residentKey", "required", "userVerification", "preferred"),
                    "attestation", "direct"))
            .expect(200);
    assertThat(answer.text("status")).isEqualTo("ok");
    assertThat(answer.text("errorMessage")).isEmpty();
    assertThat(answer.body().path("user").path("displayName").asText()).isEqualTo("John Doe");
    assertThat(Bytes.fromBase64Url(answer.body().path("user").path("id").asText()).length())
        .isEqualTo(64);
    assertThat(answer.text("attestation")).isEqualTo("direct");
    assertThat(answer.body().path("authenticatorSelection").path("residentKey").asText())
        .isEqualTo("required");
    assertThat(answer.body().path("pubKeyCredParams").size()).isEqualTo(3);
  }

  @Test
  void assertionOptionsForKnownUsersOnly() {
    var unknown =
        rp.post("/assertion/options", null, Map.of("username", "nobody")).expect(400);
    assertThat(unknown.text("status")).isEqualTo("failed");
    assertThat(unknown.text("errorMessage")).contains("nobody");

    rp.post("/attestation/options", null, Map.of("username", "alice")).expect(200);
    var options =
        rp.post("/assertion/options", null, Map.of("username", "alice", "userVerification", "required"))
            .expect(200);
    assertThat(options.text("status")).isEqualTo("ok");
    assertThat(options.text("userVerification")).isEqualTo("required");
    assertThat(options.text("rpId")).isEqualTo("localhost");
    assertThat(options.text("challenge")).isNotBlank();
  }

  @Test
  void resultsWithUnknownChallengesFail() {
    var failed =
        rp.post("/attestation/result", null, Map.of("id", "x", "response", Map.of())).expect(400);
    assertThat(failed.text("status")).isEqualTo("failed");
    assertThat(rp.post("/assertion/result", null, "[]").expect(400).text("status"))
        .isEqualTo("failed");
  }

  @Test
  void conformanceUsersAreNotAccounts() {
    rp.post("/attestation/options", null, Map.of("username", "zoe@example.com")).expect(200);
    rp.signUp("zoe@example.com");
  }

  @Test
  void eachClientIpHasATokenBucket() {
    // 120 a minute: one token back every 500 ms.
    for (int i = 0; i < 120; i++) {
      rp.post("/assertion/options", null, Map.of("username", "nobody")).expect(400);
    }
    var limited =
        rp.post("/attestation/options", null, Map.of("username", "mallory"))
            .expectProblem(429, "rate-limited");
    assertThat(limited.retryAfter()).isEqualTo("1");
    assertThat(limited.text("detail")).isEqualTo("Too many conformance requests. Wait 1 s and try again.");
    rp.clock.advance(java.time.Duration.ofMillis(500));
    rp.post("/attestation/options", null, Map.of("username", "mallory")).expect(200);
    rp.post("/attestation/options", null, Map.of("username", "mallory")).expectProblem(429, "rate-limited");
    // The account API has its own buckets.
    rp.signUp("conf@example.com");
  }
}
