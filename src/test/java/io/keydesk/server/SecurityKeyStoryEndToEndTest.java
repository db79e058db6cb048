package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.BaseEncoding;
import io.keydesk.webauthn.WebAuthnClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account story of the issue with real ceremonies: sign up, add a key (sudo by emailed code),
 * log out, log in with the key, rename, add a second key, remove both (the last removal turns 2FA
 * off), log in without 2FA; then TOTP and backup codes next to a key.
 */
class SecurityKeyStoryEndToEndTest extends EndToEndBase {
  private static final String SOFTWARE_AAGUID = "83d56a1a-042a-45e2-ba46-4e6f5a3a1acd";

  @Test
  void signUpAddKeyLogInRenameSecondKeyRemoveBothLogInWithout2fa() throws Exception {
    String email = "story@example.com";
    try (UserSide blue = UserSide.ctap2();
        UserSide green = UserSide.ctap2()) {
      String token = rp.account(email);
      rp.post("/api/v1/security-keys/registrations", token, null)
          .expectProblem(403, "sudo-required");
      rp.sudo(token, email);

      JsonNode first = addKey(token, blue, "Blue");
      assertThat(first.path("name").asText()).isEqualTo("Blue");
      assertThat(first.path("aaguid").asText()).isEqualTo(SOFTWARE_AAGUID);
      assertThat(first.path("transports").toString()).isEqualTo("[\"usb\"]");
      assertThat(first.path("signCount").asLong()).isZero();
      assertThat(first.path("backupEligible").asBoolean()).isFalse();
      assertThat(first.path("backupState").asBoolean()).isFalse();
      assertThat(first.path("possiblyCloned").asBoolean()).isFalse();
      assertThat(first.path("lastKey").asBoolean()).isTrue();
      assertThat(first.path("lastUsed").isNull()).isTrue();
      assertThat(first.path("created").asText()).isEqualTo(rp.clock.instant().toString());
      assertThat(blue.pinRequests).hasValue(0);
      var account = rp.call("GET", "/api/v1/account", token, null).expect(200);
      assertThat(account.body().path("twoFactor").path("active").asBoolean()).isTrue();
      assertThat(account.body().path("twoFactor").path("securityKeys").asInt()).isEqualTo(1);

      rp.call("DELETE", "/api/v1/sessions/current", token, null).expect(204);
      rp.call("GET", "/api/v1/account", token, null).expectProblem(401, "unauthenticated");

      JsonNode step = passwordStep(email);
      assertThat(step.path("methods").toString()).isEqualTo("[\"security_key\"]");
      assertThat(step.path("publicKey").path("rpId").asText()).isEqualTo("localhost");
      assertThat(step.path("publicKey").path("userVerification").asText())
          .isEqualTo("discouraged");
      assertThat(ids(step.path("publicKey").path("allowCredentials")))
          .containsExactly(first.path("credentialId").asText());
      ObjectNode assertion = blue.get(step.path("publicKey"), origin());
      assertThat(assertion.path("id").asText()).isEqualTo(first.path("credentialId").asText());
      token = sendAssertion(step, assertion).expect(201).text("token");
      JsonNode used = keys(token).get(0);
      // the client's silent probe (up=false) also counts: the RP keeps what the key signed
      assertThat(used.path("signCount").asLong())
          .isEqualTo(signCountOf(assertion))
          .isPositive();
      assertThat(used.path("lastUsed").asText()).isEqualTo(rp.clock.instant().toString());
      assertThat(used.path("possiblyCloned").asBoolean()).isFalse();

      var renamed =
          rp.call(
                  "PATCH",
                  "/api/v1/security-keys/" + first.path("id").asText(),
                  token,
                  Map.of("name", " Blue (work) "))
              .expect(200);
      assertThat(renamed.text("name")).isEqualTo("Blue (work)");

      rp.sudo(token, email);
      JsonNode begun = beginRegistration(token);
      assertThat(ids(begun.path("publicKey").path("excludeCredentials")))
          .containsExactly(first.path("credentialId").asText());
      // The excluded key refuses to register twice (the client maps CTAP2_ERR_CREDENTIAL_EXCLUDED)
      assertThatThrownBy(() -> blue.create(begun.path("publicKey"), origin()))
          .isInstanceOf(WebAuthnClientException.class)
          .extracting(e -> ((WebAuthnClientException) e).code())
          .isEqualTo(WebAuthnClientException.Code.INVALID_STATE);
      JsonNode second = addKey(token, green, "Green");
      assertThat(keys(token))
          .extracting(k -> k.path("name").asText() + "/" + k.path("lastKey").asBoolean())
          .containsExactly("Blue (work)/false", "Green/false");

      step = passwordStep(email);
      assertThat(ids(step.path("publicKey").path("allowCredentials")))
          .containsExactlyInAnyOrder(
              first.path("credentialId").asText(), second.path("credentialId").asText());
      sendAssertion(step, green.get(step.path("publicKey"), origin())).expect(201);

      var removedFirst =
          rp.call("DELETE", "/api/v1/security-keys/" + first.path("id").asText(), token, null)
              .expect(200);
      assertThat(removedFirst.body().path("twoFactorActive").asBoolean()).isTrue();
      assertThat(keys(token).get(0).path("lastKey").asBoolean()).isTrue();
      // The removed key is no longer offered and its assertion no longer logs in
      step = passwordStep(email);
      assertThat(ids(step.path("publicKey").path("allowCredentials")))
          .containsExactly(second.path("credentialId").asText());
      ObjectNode stale = step.path("publicKey").deepCopy();
      stale.putArray("allowCredentials").addObject()
          .put("type", "public-key").put("id", first.path("credentialId").asText());
      sendAssertion(step, blue.get(stale, origin())).expectProblem(400, "webauthn-failed");

      var removedLast =
          rp.call("DELETE", "/api/v1/security-keys/" + second.path("id").asText(), token, null)
              .expect(200);
      assertThat(removedLast.text("removed")).isEqualTo(second.path("id").asText());
      assertThat(removedLast.body().path("twoFactorActive").asBoolean()).isFalse();
      assertThat(removedLast.body().path("twoFactor").toString())
          .isEqualTo(
              "{\"active\":false,\"securityKeys\":0,\"totp\":false,\"backupCodesRemaining\":0}");
      assertThat(keys(token)).isEmpty();

      var plain = rp.login(email).expect(201);
      assertThat(plain.text("state")).isEqualTo("authenticated");
    }
  }

  @Test
  void totpFallbackAndBackupCodesNextToAKey() throws Exception {
    String email = "fallback@example.com";
    try (UserSide key = UserSide.ctap2()) {
      String token = rp.account(email);
      rp.sudo(token, email);
      addKey(token, key, "Only key");
      var totp = rp.post("/api/v1/totp", token, null).expect(200);
      byte[] secret = BaseEncoding.base32().decode(totp.text("secret"));
      rp.post("/api/v1/totp/confirm", token, Map.of("code", totpNow(secret))).expect(200);
      List<String> codes = new ArrayList<>();
      rp.post("/api/v1/backup-codes", token, null).expect(200).body().path("codes")
          .forEach(c -> codes.add(c.asText()));

      // TOTP instead of the key
      rp.clock.advance(java.time.Duration.ofSeconds(30));
      JsonNode step = passwordStep(email);
      assertThat(step.path("methods").toString())
          .isEqualTo("[\"security_key\",\"totp\",\"backup_code\"]");
      assertThat(step.path("publicKey").path("allowCredentials").size()).isEqualTo(1);
      rp.post(
              "/api/v1/sessions/totp",
              null,
              Map.of("loginId", step.path("loginId").asText(), "code", totpNow(secret)))
          .expect(201);

      // A backup code works once; after the refusal the key still finishes the same login
      step = passwordStep(email);
      rp.post(
              "/api/v1/sessions/backup-code",
              null,
              Map.of("loginId", step.path("loginId").asText(), "code", codes.get(0)))
          .expect(201);
      step = passwordStep(email);
      rp.post(
              "/api/v1/sessions/backup-code",
              null,
              Map.of("loginId", step.path("loginId").asText(), "code", codes.get(0)))
          .expectProblem(400, "invalid-code");
      sendAssertion(step, key.get(step.path("publicKey"), origin())).expect(201);
      assertThat(
              rp.call("GET", "/api/v1/account", token, null)
                  .body().path("twoFactor").path("backupCodesRemaining").asInt())
          .isEqualTo(9);

      // Removing the only key leaves TOTP: 2FA stays on, the login offers no assertion
      String keyId = keys(token).get(0).path("id").asText();
      var removed = rp.call("DELETE", "/api/v1/security-keys/" + keyId, token, null).expect(200);
      assertThat(removed.body().path("twoFactorActive").asBoolean()).isTrue();
      step = passwordStep(email);
      assertThat(step.path("methods").toString()).isEqualTo("[\"totp\",\"backup_code\"]");
      assertThat(step.path("publicKey").isNull()).isTrue();
    }
  }

  private static String totpNow(byte[] secret) {
    return RfcTotp.generate(secret, rp.clock.instant().getEpochSecond(), 6);
  }
}
