package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keydesk.cbor.Bytes;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.Database;
import io.keydesk.server.store.StoredCredential;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.store.UserKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Security-key endpoints without an authenticator: option shapes, limits, rename, remove and the
 * 2FA answer, login's second step. Keys are put into the database directly where a finished
 * registration would be needed (the real ceremonies are tested once the client exists).
 */
class SecurityKeyApiTest extends ApiTestBase {
  private static final String EMAIL = "kim@example.com";

  private JsonNode begin(String token) {
    return rp.post("/api/v1/security-keys/registrations", token, null).expect(200).body();
  }

  /** Stores {@code count} keys for the user as a finished registration would. */
  private List<String> storeKeys(String email, int count) {
    List<String> ids = new ArrayList<>();
    try (Database db = Database.open(rp.dataDir)) {
      long userId = new UserDao(db).byEmail(UserKind.ACCOUNT, email).orElseThrow().id();
      CredentialDao keys = new CredentialDao(db);
      for (int i = 0; i < count; i++) {
        String id = java.util.UUID.randomUUID().toString();
        keys.insert(
            new StoredCredential(
                id, userId, Bytes.of(new byte[] {(byte) 0xC0, (byte) i, 1, 2}),
                Bytes.fromHex("a401020326200121"), "Key " + i, rp.clock.instant(),
                Optional.empty(), Bytes.of(new byte[16]), List.of("usb", "nfc"), 7, false, false,
                false));
        ids.add(id);
        rp.clock.advance(java.time.Duration.ofSeconds(1)); // the list is ordered by creation
      }
    }
    return ids;
  }

  @Test
  void registrationOptionsHaveTheStableHandleAlgorithmsAndExclusions() {
    String token = rp.account(EMAIL);
    rp.post("/api/v1/security-keys/registrations", token, null).expectProblem(403, "sudo-required");
    rp.sudo(token, EMAIL);
    JsonNode first = begin(token);
    JsonNode options = first.path("publicKey");
    assertThat(first.path("registrationId").asText()).isNotBlank();
    assertThat(options.path("rp").path("id").asText()).isEqualTo("localhost");
    assertThat(options.path("user").path("name").asText()).isEqualTo(EMAIL);
    String handle = options.path("user").path("id").asText();
    assertThat(Bytes.fromBase64Url(handle).length()).isEqualTo(64);
    assertThat(options.path("pubKeyCredParams").toString())
        .isEqualTo(
            "[{\"alg\":-7,\"type\":\"public-key\"},{\"alg\":-8,\"type\":\"public-key\"},"
                + "{\"alg\":-257,\"type\":\"public-key\"}]");
    assertThat(options.path("attestation").asText()).isEqualTo("none");
    assertThat(options.path("timeout").asLong()).isEqualTo(300_000);
    assertThat(Bytes.fromBase64Url(options.path("challenge").asText()).length()).isEqualTo(32);
    assertThat(options.path("excludeCredentials").size()).isZero();

    storeKeys(EMAIL, 2);
    JsonNode second = begin(token).path("publicKey");
    assertThat(second.path("user").path("id").asText()).isEqualTo(handle);
    assertThat(second.path("challenge").asText()).isNotEqualTo(options.path("challenge").asText());
    assertThat(second.path("excludeCredentials").toString())
        .contains("\"id\":\"wAABAg\"", "\"id\":\"wAEBAg\"", "\"transports\":[\"nfc\",\"usb\"]");

    var direct =
        rp.post("/api/v1/security-keys/registrations", token, Map.of("attestation", "direct"))
            .expect(200);
    assertThat(direct.body().path("publicKey").path("attestation").asText()).isEqualTo("direct");
    rp.post("/api/v1/security-keys/registrations", token, Map.of("attestation", "enterprise"))
        .expectProblem(400, "invalid-request");
  }

  @Test
  void fiftyKeysAtMost() {
    String token = rp.account(EMAIL);
    rp.sudo(token, EMAIL);
    storeKeys(EMAIL, 49);
    begin(token);
    storeKeys(EMAIL, 0);
    try (Database db = Database.open(rp.dataDir)) {
      long userId = new UserDao(db).byEmail(UserKind.ACCOUNT, EMAIL).orElseThrow().id();
      new CredentialDao(db)
          .insert(
              new StoredCredential(
                  "fiftieth", userId, Bytes.fromHex("ff"), Bytes.fromHex("a1"), "Last",
                  rp.clock.instant(), Optional.empty(), Bytes.of(new byte[16]), List.of(), 0,
                  false, false, false));
    }
    rp.post("/api/v1/security-keys/registrations", token, null)
        .expectProblem(409, "too-many-keys");
  }

  @Test
  void finishRefusesUnknownReplayedAndMalformedCeremonies() {
    String token = rp.account(EMAIL);
    rp.sudo(token, EMAIL);
    String id = begin(token).path("registrationId").asText();
    Map<String, Object> garbage = Map.of("id", "AAAA", "type", "public-key");
    rp.post("/api/v1/security-keys", token, Map.of("registrationId", id, "name", "", "credential", garbage))
        .expectProblem(400, "invalid-name");
    rp.post("/api/v1/security-keys", token, Map.of("registrationId", id, "name", "x".repeat(101), "credential", garbage))
        .expectProblem(400, "invalid-name");
    rp.post("/api/v1/security-keys", token, Map.of("registrationId", id, "name", "Blue", "credential", garbage))
        .expectProblem(400, "invalid-request");
    // the attempt used the challenge up
    rp.post("/api/v1/security-keys", token, Map.of("registrationId", id, "name", "Blue", "credential", garbage))
        .expectProblem(410, "ceremony-expired");
    // a registration started by another session cannot be finished here
    String other = rp.login(EMAIL).expect(201).text("token");
    rp.sudo(other, EMAIL);
    String theirs = begin(other).path("registrationId").asText();
    rp.post("/api/v1/security-keys", token, Map.of("registrationId", theirs, "name", "Blue", "credential", garbage))
        .expectProblem(410, "ceremony-expired");
  }

  @Test
  void listRenameRemoveAndTheTwoFactorAnswer() {
    String token = rp.account(EMAIL);
    List<String> ids = storeKeys(EMAIL, 2);
    var list = rp.call("GET", "/api/v1/security-keys", token, null).expect(200);
    assertThat(list.body().path("twoFactorActive").asBoolean()).isTrue();
    JsonNode key = list.body().path("keys").get(0);
    assertThat(key.path("id").asText()).isEqualTo(ids.get(0));
    assertThat(key.path("credentialId").asText()).isEqualTo("wAABAg");
    assertThat(key.path("name").asText()).isEqualTo("Key 0");
    assertThat(key.path("aaguid").asText()).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(key.path("transports").toString()).isEqualTo("[\"usb\",\"nfc\"]");
    assertThat(key.path("signCount").asLong()).isEqualTo(7);
    assertThat(key.path("lastUsed").isNull()).isTrue();
    assertThat(key.path("possiblyCloned").asBoolean()).isFalse();
    assertThat(key.path("lastKey").asBoolean()).isFalse();
    assertThat(key.has("backupEligible") && key.has("backupState")).isTrue();

    var renamed =
        rp.call("PATCH", "/api/v1/security-keys/" + ids.get(0), token, Map.of("name", "  Blue  "))
            .expect(200);
    assertThat(renamed.text("name")).isEqualTo("Blue");
    rp.call("PATCH", "/api/v1/security-keys/nope", token, Map.of("name", "x"))
        .expectProblem(404, "not-found");

    rp.call("DELETE", "/api/v1/security-keys/" + ids.get(0), token, null)
        .expectProblem(403, "sudo-required");
    rp.sudo(token, EMAIL);
    var first = rp.call("DELETE", "/api/v1/security-keys/" + ids.get(0), token, null).expect(200);
    assertThat(first.body().path("twoFactorActive").asBoolean()).isTrue();
    assertThat(
            rp.call("GET", "/api/v1/security-keys", token, null)
                .body().path("keys").get(0).path("lastKey").asBoolean())
        .isTrue();
    var last = rp.call("DELETE", "/api/v1/security-keys/" + ids.get(1), token, null).expect(200);
    assertThat(last.text("removed")).isEqualTo(ids.get(1));
    assertThat(last.body().path("twoFactorActive").asBoolean()).isFalse();
    assertThat(rp.login(EMAIL).expect(201).text("state")).isEqualTo("authenticated");
  }

  @Test
  void loginWithKeysAsksForAnAssertionOverEveryKey() {
    String token = rp.account(EMAIL);
    storeKeys(EMAIL, 3);
    rp.sudo(token, EMAIL);
    rp.post("/api/v1/backup-codes", token, null).expect(200);
    var step = rp.login(EMAIL).expect(200);
    assertThat(step.text("state")).isEqualTo("second_factor_required");
    assertThat(step.body().path("methods").toString())
        .isEqualTo("[\"security_key\",\"backup_code\"]");
    JsonNode options = step.body().path("publicKey");
    assertThat(options.path("rpId").asText()).isEqualTo("localhost");
    assertThat(options.path("userVerification").asText()).isEqualTo("discouraged");
    assertThat(options.path("allowCredentials").size()).isEqualTo(3);
    // a malformed assertion uses the login up: the challenge cannot be replayed
    String loginId = step.text("loginId");
    Map<String, Object> garbage = Map.of("id", "wAABAg", "type", "public-key");
    rp.post("/api/v1/sessions/security-key", null, Map.of("loginId", loginId, "credential", garbage))
        .expectProblem(400, "invalid-request");
    rp.post("/api/v1/sessions/security-key", null, Map.of("loginId", loginId, "credential", garbage))
        .expectProblem(410, "ceremony-expired");
  }

  @Test
  void removingTheLastKeyKeepsTwoFactorWhenTotpIsSet() throws Exception {
    String token = rp.account(EMAIL);
    List<String> ids = storeKeys(EMAIL, 1);
    rp.sudo(token, EMAIL);
    var totp = rp.post("/api/v1/totp", token, null).expect(200);
    byte[] secret = com.google.common.io.BaseEncoding.base32().decode(totp.text("secret"));
    rp.post(
            "/api/v1/totp/confirm",
            token,
            Map.of("code", RfcTotp.generate(secret, rp.clock.instant().getEpochSecond(), 6)))
        .expect(200);
    var removed = rp.call("DELETE", "/api/v1/security-keys/" + ids.get(0), token, null).expect(200);
    assertThat(removed.body().path("twoFactorActive").asBoolean()).isTrue();
    assertThat(removed.body().path("twoFactor").path("totp").asBoolean()).isTrue();
  }
}
