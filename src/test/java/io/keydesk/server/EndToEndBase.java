package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.keydesk.cbor.Bytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One relying party per test class (over real HTTPS on loopback, GreenMail for emailed codes, a
 * movable clock), driven by the WebAuthn client and software authenticators ({@link UserSide}).
 * Tests use their own email addresses; before each test the clock moves an hour so the per-IP
 * buckets that all tests share (everything comes from 127.0.0.1) are full again.
 */
abstract class EndToEndBase {
  @RegisterExtension
  static GreenMailExtension mail =
      new GreenMailExtension(ServerSetup.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path dir;
  static RpHarness rp;

  @BeforeAll
  static void startServer() {
    rp = new RpHarness(mail, dir);
  }

  @AfterAll
  static void stopServer() {
    rp.close();
  }

  @BeforeEach
  void refillSharedBuckets() {
    rp.clock.advance(Duration.ofHours(1));
  }

  /** The origin the RP accepts: https://<rp id> (any port); a browser would send this one. */
  static String origin() {
    return "https://localhost:" + rp.server.port();
  }

  /** Begins a registration (the session must be in sudo mode); returns the whole answer. */
  static JsonNode beginRegistration(String token) {
    return rp.post("/api/v1/security-keys/registrations", token, null).expect(200).body();
  }

  static RpHarness.Answer finishRegistration(
      String token, JsonNode begun, String name, JsonNode credential) {
    return rp.post(
        "/api/v1/security-keys",
        token,
        Map.of(
            "registrationId", begun.path("registrationId").asText(),
            "name", name,
            "credential", credential));
  }

  /** Registers a key with the user's authenticator; returns the RP's SecurityKey. */
  static JsonNode addKey(String token, UserSide user, String name) throws Exception {
    JsonNode begun = beginRegistration(token);
    ObjectNode credential = user.create(begun.path("publicKey"), origin());
    JsonNode key = finishRegistration(token, begun, name, credential).expect(201).body();
    assertThat(key.path("credentialId").asText()).isEqualTo(credential.path("id").asText());
    return key;
  }

  /** The password step, expecting a second step. */
  static JsonNode passwordStep(String email) {
    JsonNode step = rp.login(email).expect(200).body();
    assertThat(step.path("state").asText()).isEqualTo("second_factor_required");
    return step;
  }

  /**
   * Sends a second-factor assertion. The clock first moves 10 s, the refill time of the 6-per-
   * minute second-factor buckets, so a story's logins do not run into them by accident.
   */
  static RpHarness.Answer sendAssertion(JsonNode step, JsonNode credential) {
    rp.clock.advance(Duration.ofSeconds(10));
    return sendAssertionNow(step, credential);
  }

  static RpHarness.Answer sendAssertionNow(JsonNode step, JsonNode credential) {
    return rp.post(
        "/api/v1/sessions/security-key",
        null,
        Map.of("loginId", step.path("loginId").asText(), "credential", credential));
  }

  /** Password, then an assertion by {@code user}'s key; returns the new session token. */
  static String loginWithKey(String email, UserSide user) throws Exception {
    JsonNode step = passwordStep(email);
    ObjectNode credential = user.get(step.path("publicKey"), origin());
    return sendAssertion(step, credential).expect(201).text("token");
  }

  /** The signature counter in an AuthenticationResponseJSON's authenticatorData (§6.1). */
  static long signCountOf(JsonNode assertion) {
    byte[] data =
        Bytes.fromBase64Url(assertion.path("response").path("authenticatorData").asText()).toArray();
    return java.nio.ByteBuffer.wrap(data, 33, 4).getInt() & 0xFFFFFFFFL;
  }

  static List<JsonNode> keys(String token) {
    List<JsonNode> keys = new ArrayList<>();
    rp.call("GET", "/api/v1/security-keys", token, null).expect(200).body().path("keys")
        .forEach(keys::add);
    return keys;
  }

  static List<String> ids(JsonNode descriptors) {
    List<String> ids = new ArrayList<>();
    descriptors.forEach(d -> ids.add(d.path("id").asText()));
    return ids;
  }
}
