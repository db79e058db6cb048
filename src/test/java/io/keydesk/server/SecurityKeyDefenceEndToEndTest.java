package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the RP refuses or flags with real ceremonies: tampered, replayed and wrong-origin
 * responses, another user's credential, late steps (sudo, codes, 300 s), cloned keys, and the
 * second-factor rate limit hitting and recovering.
 */
class SecurityKeyDefenceEndToEndTest extends EndToEndBase {

  /** An account with one key by {@code user}; returns the session token (in sudo mode). */
  private static String accountWithKey(String email, UserSide user) throws Exception {
    String token = rp.account(email);
    rp.sudo(token, email);
    addKey(token, user, "Key");
    return token;
  }

  private static ObjectNode flipLastByte(ObjectNode credential, String field) {
    ObjectNode copy = credential.deepCopy();
    ObjectNode response = (ObjectNode) copy.path("response");
    byte[] bytes = Bytes.fromBase64Url(response.path(field).asText()).toArray();
    bytes[bytes.length - 1] ^= 0x01;
    response.put(field, Bytes.of(bytes).base64Url());
    return copy;
  }

  @Test
  void tamperedReplayedAndWrongOriginAssertionsAreRefused() throws Exception {
    String email = "defence@example.com";
    try (UserSide key = UserSide.ctap2()) {
      accountWithKey(email, key);

      JsonNode step = passwordStep(email);
      ObjectNode good = key.get(step.path("publicKey"), origin());
      sendAssertion(step, flipLastByte(good, "signature")).expectProblem(400, "webauthn-failed");
      // the attempt used the login up: even the untampered answer now finds no login
      sendAssertion(step, good).expectProblem(410, "ceremony-expired");

      step = passwordStep(email);
      ObjectNode answer = key.get(step.path("publicKey"), origin());
      sendAssertion(step, flipLastByte(answer, "authenticatorData"))
          .expectProblem(400, "webauthn-failed");
      // an old answer whose clientDataJSON is rewritten to carry the new login's challenge:
      // the signature covers the client data's hash, so it no longer verifies
      ObjectNode old = key.get(passwordStep(email).path("publicKey"), origin());
      step = passwordStep(email);
      ObjectNode rewritten = old.deepCopy();
      String clientData =
          new String(
              Bytes.fromBase64Url(old.path("response").path("clientDataJSON").asText()).toArray(),
              StandardCharsets.UTF_8);
      String oldChallenge =
          io.keydesk.server.json.Json.MAPPER.readTree(clientData).path("challenge").asText();
      String newChallenge = step.path("publicKey").path("challenge").asText();
      ((ObjectNode) rewritten.path("response"))
          .put(
              "clientDataJSON",
              Bytes.of(
                      clientData.replace(oldChallenge, newChallenge)
                          .getBytes(StandardCharsets.UTF_8))
                  .base64Url());
      var forged = sendAssertion(step, rewritten).expectProblem(400, "webauthn-failed");
      assertThat(forged.text("detail")).containsIgnoringCase("signature");

      // replay: a response that logged in once is refused for the next login's challenge
      step = passwordStep(email);
      ObjectNode first = key.get(step.path("publicKey"), origin());
      sendAssertion(step, first).expect(201);
      sendAssertion(step, first).expectProblem(410, "ceremony-expired");
      JsonNode next = passwordStep(email);
      var replayed = sendAssertion(next, first).expectProblem(400, "webauthn-failed");
      assertThat(replayed.text("detail")).containsIgnoringCase("challenge");

      // origins the client allows for RP ID localhost but the RP does not (https://localhost only)
      for (String wrong : new String[] {"http://localhost:" + rp.server.port(),
          "https://evil.localhost:" + rp.server.port()}) {
        step = passwordStep(email);
        var refused =
            sendAssertion(step, key.get(step.path("publicKey"), wrong))
                .expectProblem(400, "webauthn-failed");
        assertThat(refused.text("detail")).containsIgnoringCase("origin");
      }
      // the same key from the right origin still logs in
      assertThat(loginWithKey(email, key)).hasSize(43);
    }
  }

  @Test
  void registrationFromAWrongOriginIsRefused() throws Exception {
    String email = "wrong-origin-registration@example.com";
    try (UserSide key = UserSide.ctap2()) {
      String token = rp.account(email);
      rp.sudo(token, email);
      JsonNode begun = beginRegistration(token);
      ObjectNode credential = key.create(begun.path("publicKey"), "https://evil.localhost");
      var refused =
          finishRegistration(token, begun, "Evil", credential).expectProblem(400, "webauthn-failed");
      assertThat(refused.text("detail")).containsIgnoringCase("origin");
      assertThat(keys(token)).isEmpty();
    }
  }

  @Test
  void anotherUsersCredentialIsRefusedAtLoginAndAtRegistration() throws Exception {
    try (UserSide alice = UserSide.ctap2();
        UserSide mallory = UserSide.ctap2()) {
      accountWithKey("alice@example.com", alice);
      String aliceCredential =
          rp.login("alice@example.com").body().path("publicKey").path("allowCredentials").get(0)
              .path("id").asText();
      String malloryToken = accountWithKey("mallory@example.com", mallory);

      // Mallory's login, answered by Alice's key (her client asks for Alice's credential)
      JsonNode step = passwordStep("mallory@example.com");
      ObjectNode options = step.path("publicKey").deepCopy();
      options.putArray("allowCredentials").addObject()
          .put("type", "public-key").put("id", aliceCredential);
      ObjectNode foreign = alice.get(options, origin());
      assertThat(foreign.path("id").asText()).isEqualTo(aliceCredential);
      sendAssertion(step, foreign).expectProblem(400, "webauthn-failed");

      // Mallory registers a credential carrying Alice's credential ID (attestation "none" needs
      // no signature, so she can build it): the ID is taken, whoever holds it
      JsonNode begun = beginRegistration(malloryToken);
      ObjectNode crafted =
          noneAttestation(
              Bytes.fromBase64Url(aliceCredential),
              begun.path("publicKey").path("challenge").asText());
      finishRegistration(malloryToken, begun, "Alice's", crafted)
          .expectProblem(409, "credential-exists");
      // the same forgery with a fresh ID is a valid registration: only the ID was refused
      JsonNode again = beginRegistration(malloryToken);
      byte[] fresh = new byte[32];
      new java.security.SecureRandom().nextBytes(fresh);
      finishRegistration(
              malloryToken,
              again,
              "Forged",
              noneAttestation(Bytes.of(fresh), again.path("publicKey").path("challenge").asText()))
          .expect(201);
      assertThat(keys(malloryToken)).hasSize(2);
    }
  }

  /**
   * A RegistrationResponseJSON built by hand: "none" attestation, flags UP|AT, a fresh P-256 key
   * (WebAuthn L3 §6.1, §6.5.1, §8.7).
   */
  private static ObjectNode noneAttestation(Bytes credentialId, String challenge) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    ECPublicKey publicKey = (ECPublicKey) generator.generateKeyPair().getPublic();
    CborMap cose =
        CborMap.builder()
            .put(1L, 2L)
            .put(3L, -7L)
            .put(-1L, 1L)
            .put(-2L, Bytes.of(unsigned32(publicKey.getW().getAffineX().toByteArray())))
            .put(-3L, Bytes.of(unsigned32(publicKey.getW().getAffineY().toByteArray())))
            .build();
    byte[] rpIdHash =
        MessageDigest.getInstance("SHA-256").digest("localhost".getBytes(StandardCharsets.UTF_8));
    byte[] coseBytes = Cbor.encode(cose);
    ByteBuffer authData =
        ByteBuffer.allocate(32 + 1 + 4 + 16 + 2 + credentialId.length() + coseBytes.length);
    authData.put(rpIdHash).put((byte) 0x41).putInt(0).put(new byte[16]);
    authData.putShort((short) credentialId.length()).put(credentialId.toArray()).put(coseBytes);
    byte[] attestationObject =
        Cbor.encode(
            CborMap.builder()
                .put("fmt", "none")
                .put("attStmt", CborMap.empty())
                .put("authData", Bytes.of(authData.array()))
                .build());
    String clientData =
        "{\"type\":\"webauthn.create\",\"challenge\":\"" + challenge + "\",\"origin\":\""
            + origin() + "\",\"crossOrigin\":false}";
    ObjectNode credential = io.keydesk.server.json.Json.MAPPER.createObjectNode();
    credential.put("id", credentialId.base64Url()).put("rawId", credentialId.base64Url());
    credential.put("type", "public-key");
    ObjectNode response = credential.putObject("response");
    response.put(
        "clientDataJSON", Bytes.of(clientData.getBytes(StandardCharsets.UTF_8)).base64Url());
    response.put("attestationObject", Bytes.of(attestationObject).base64Url());
    response.putArray("transports").add("usb");
    credential.putObject("clientExtensionResults");
    return credential;
  }

  private static byte[] unsigned32(byte[] twosComplement) {
    byte[] out = new byte[32];
    int length = Math.min(32, twosComplement.length);
    System.arraycopy(
        twosComplement, twosComplement.length - length, out, 32 - length, length);
    return out;
  }

  @Test
  void sudoCodesRegistrationsAndLoginsExpire() throws Exception {
    String email = "expiry@example.com";
    try (UserSide key = UserSide.ctap2()) {
      String token = rp.account(email);
      String stale = rp.emailedCode(token, email);
      rp.clock.advance(Duration.ofMinutes(15));
      rp.post("/api/v1/sudo", token, Map.of("code", stale)).expectProblem(400, "invalid-code");
      rp.sudo(token, email); // a new code is sent: the old one expired

      // a registration must finish within 300 s
      JsonNode late = beginRegistration(token);
      ObjectNode credential = key.create(late.path("publicKey"), origin());
      rp.clock.advance(Duration.ofSeconds(300));
      finishRegistration(token, late, "Late", credential).expectProblem(410, "ceremony-expired");
      JsonNode key1 = addKey(token, key, "In time");

      // the second step must finish within 300 s of the password step
      JsonNode step = passwordStep(email);
      assertThat(step.path("expiresAt").asText())
          .isEqualTo(rp.clock.instant().plusSeconds(300).toString());
      ObjectNode answer = key.get(step.path("publicKey"), origin());
      rp.clock.advance(Duration.ofSeconds(299));
      sendAssertionNow(step, answer).expect(201);
      step = passwordStep(email);
      answer = key.get(step.path("publicKey"), origin());
      rp.clock.advance(Duration.ofSeconds(300));
      sendAssertionNow(step, answer).expectProblem(410, "ceremony-expired");

      // sudo mode lasts 30 minutes from the code: it has now run out
      rp.clock.advance(Duration.ofMinutes(30));
      rp.call("DELETE", "/api/v1/security-keys/" + key1.path("id").asText(), token, null)
          .expectProblem(403, "sudo-required");
      rp.post("/api/v1/security-keys/registrations", token, null)
          .expectProblem(403, "sudo-required");
    }
  }

  @Test
  void aClonedKeyIsFlaggedButStillLogsIn() throws Exception {
    String email = "clone@example.com";
    AuthenticatorState snapshot = AuthenticatorState.generate();
    try (UserSide original = UserSide.ctap2(snapshot);
        UserSide clone = UserSide.ctap2(snapshot)) {
      String token = accountWithKey(email, original);
      loginWithKey(email, original);
      loginWithKey(email, original);
      long counted = keys(token).get(0).path("signCount").asLong();
      assertThat(counted).isGreaterThan(2);
      assertThat(keys(token).get(0).path("possiblyCloned").asBoolean()).isFalse();

      // the clone holds the same device secret, so it opens the same credential ID, with its
      // own counter that starts again from zero
      JsonNode step = passwordStep(email);
      ObjectNode cloned = clone.get(step.path("publicKey"), origin());
      assertThat(signCountOf(cloned)).isLessThan(counted);
      sendAssertion(step, cloned).expect(201);
      JsonNode flagged = keys(token).get(0);
      assertThat(flagged.path("possiblyCloned").asBoolean()).isTrue();
      assertThat(flagged.path("signCount").asLong()).isEqualTo(counted);
      // the flag stays, even when the original key goes on counting
      loginWithKey(email, original);
      assertThat(keys(token).get(0).path("possiblyCloned").asBoolean()).isTrue();
    }
  }

  @Test
  void secondFactorRateLimitHitsAndRecovers() throws Exception {
    String email = "limited@example.com";
    try (UserSide key = UserSide.ctap2()) {
      accountWithKey(email, key);
      rp.clock.advance(Duration.ofMinutes(1));
      for (int i = 0; i < 6; i++) {
        JsonNode step = passwordStep(email);
        ObjectNode bad = flipLastByte(key.get(step.path("publicKey"), origin()), "signature");
        sendAssertionNow(step, bad).expectProblem(400, "webauthn-failed");
      }
      JsonNode step = passwordStep(email);
      ObjectNode good = key.get(step.path("publicKey"), origin());
      var limited = sendAssertionNow(step, good).expectProblem(429, "rate-limited");
      assertThat(limited.retryAfter()).isEqualTo("10");
      assertThat(limited.body().path("retryAfterSeconds").asInt()).isEqualTo(10);
      // the refused attempt was not processed: after Retry-After the same answer logs in
      rp.clock.advance(Duration.ofSeconds(10));
      sendAssertionNow(step, good).expect(201);
    }
  }

  @Test
  void aRegistrationFinishedFromAnotherSessionIsRefused() throws Exception {
    String email = "two-sessions@example.com";
    try (UserSide key = UserSide.ctap2()) {
      String first = rp.account(email);
      rp.sudo(first, email);
      String second = rp.login(email).expect(201).text("token");
      JsonNode begun = beginRegistration(first);
      ObjectNode credential = key.create(begun.path("publicKey"), origin());
      finishRegistration(second, begun, "Stolen", credential)
          .expectProblem(403, "sudo-required");
      assertThat(Arrays.asList(keys(first).toArray())).isEmpty();
    }
  }
}
