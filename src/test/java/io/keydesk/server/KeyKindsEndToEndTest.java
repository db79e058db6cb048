package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Different keys on one account: a PIN-protected CTAP2 key (the RP asks userVerification
 * "discouraged", so no PIN is asked and UV stays off), a U2F-only key (fido-u2f attestation,
 * accepted although the RP asked for "none"), and the FIDO conformance endpoints with real
 * responses, UV preferred and required.
 */
class KeyKindsEndToEndTest extends EndToEndBase {
  private static final int FLAG_UV = 0x04;

  private static int flags(JsonNode credential, String field) {
    byte[] data = Bytes.fromBase64Url(credential.path("response").path(field).asText()).toArray();
    return data[32] & 0xFF;
  }

  private static String fmt(JsonNode registration) throws Exception {
    CborMap attestation =
        Cbor.decodeMap(
            Bytes.fromBase64Url(registration.path("response").path("attestationObject").asText())
                .toArray());
    return attestation.getString("fmt");
  }

  @Test
  void pinProtectedAndU2fOnlyKeysRegisterAndLogIn() throws Exception {
    String email = "kinds@example.com";
    try (UserSide pinKey = UserSide.ctap2().withPin();
        UserSide u2fKey = UserSide.u2f()) {
      String token = rp.account(email);
      rp.sudo(token, email);

      JsonNode begun = beginRegistration(token);
      assertThat(begun.path("publicKey").path("authenticatorSelection").path("userVerification")
              .asText())
          .isEqualTo("discouraged");
      ObjectNode pinRegistration = pinKey.create(begun.path("publicKey"), origin());
      assertThat(pinKey.pinRequests).hasValue(0); // makeCredUvNotRqd: no PIN for "discouraged"
      assertThat(flags(pinRegistration, "authenticatorData") & FLAG_UV).isZero();
      // The RP asked for attestation "none": the client replaces the key's packed batch statement
      // with fmt "none" (WebAuthn L3 §5.1.3) but keeps the AAGUID, so the key list shows the model.
      assertThat(fmt(pinRegistration)).isEqualTo("none");
      JsonNode pinned = finishRegistration(token, begun, "PIN key", pinRegistration).expect(201)
          .body();
      assertThat(pinned.path("aaguid").asText()).isEqualTo("83d56a1a-042a-45e2-ba46-4e6f5a3a1acd");

      begun = beginRegistration(token);
      assertThat(begun.path("publicKey").path("attestation").asText()).isEqualTo("none");
      ObjectNode u2fRegistration = u2fKey.create(begun.path("publicKey"), origin());
      // The key's fido-u2f statement is not a self attestation, so for "none" the client replaces
      // it with fmt "none" (WebAuthn L3 §5.1.3); a U2F key has no AAGUID (16 zero bytes) anyway.
      assertThat(fmt(u2fRegistration)).isEqualTo("none");
      JsonNode u2f = finishRegistration(token, begun, "U2F key", u2fRegistration).expect(201)
          .body();
      assertThat(u2f.path("aaguid").asText()).isEqualTo("00000000-0000-0000-0000-000000000000");
      assertThat(u2f.path("transports").toString()).isEqualTo("[\"usb\"]");
      assertThat(u2f.path("backupEligible").asBoolean()).isFalse();
      assertThat(u2f.path("lastKey").asBoolean()).isFalse();

      JsonNode step = passwordStep(email);
      assertThat(ids(step.path("publicKey").path("allowCredentials")))
          .containsExactlyInAnyOrder(
              pinned.path("credentialId").asText(), u2f.path("credentialId").asText());
      ObjectNode pinAssertion = pinKey.get(step.path("publicKey"), origin());
      assertThat(pinKey.pinRequests).hasValue(0);
      assertThat(flags(pinAssertion, "authenticatorData") & FLAG_UV).isZero();
      sendAssertion(step, pinAssertion).expect(201);

      step = passwordStep(email);
      ObjectNode u2fAssertion = u2fKey.get(step.path("publicKey"), origin());
      assertThat(u2fAssertion.path("id").asText()).isEqualTo(u2f.path("credentialId").asText());
      sendAssertion(step, u2fAssertion).expect(201);
      JsonNode used =
          keys(token).stream()
              .filter(k -> k.path("id").asText().equals(u2f.path("id").asText()))
              .findFirst()
              .orElseThrow();
      assertThat(used.path("signCount").asLong()).isEqualTo(signCountOf(u2fAssertion));
      assertThat(used.path("lastUsed").asText()).isEqualTo(rp.clock.instant().toString());
      assertThat(used.path("possiblyCloned").asBoolean()).isFalse();
    }
  }

  @Test
  void directAttestationIsAcceptedWithoutTrustAnchors() throws Exception {
    String email = "direct@example.com";
    try (UserSide key = UserSide.ctap2()) {
      String token = rp.account(email);
      rp.sudo(token, email);
      JsonNode begun =
          rp.post("/api/v1/security-keys/registrations", token, Map.of("attestation", "direct"))
              .expect(200)
              .body();
      ObjectNode registration = key.create(begun.path("publicKey"), origin());
      assertThat(fmt(registration)).isEqualTo("packed");
      JsonNode stored = finishRegistration(token, begun, "Direct", registration).expect(201)
          .body();
      assertThat(stored.path("aaguid").asText()).isEqualTo("83d56a1a-042a-45e2-ba46-4e6f5a3a1acd");
    }
  }

  private static JsonNode conformance(String path, Object body, int status) {
    RpHarness.Answer answer = rp.post(path, null, body).expect(status);
    assertThat(answer.contentType()).startsWith("application/json");
    return answer.body();
  }

  @Test
  void conformanceEndpointsWithRealResponses() throws Exception {
    try (UserSide pinKey = UserSide.ctap2().withPin();
        UserSide u2fKey = UserSide.u2f()) {
      JsonNode options =
          conformance(
              "/attestation/options",
              Map.of(
                  "username", "conf-alice",
                  "displayName", "Alice",
                  "authenticatorSelection", Map.of("userVerification", "preferred"),
                  "attestation", "direct"),
              200);
      assertThat(options.path("status").asText()).isEqualTo("ok");
      assertThat(options.path("authenticatorSelection").path("userVerification").asText())
          .isEqualTo("preferred");
      ObjectNode registration = pinKey.create(strip(options), origin());
      assertThat(pinKey.pinRequests).hasValue(1); // "preferred" and a PIN is set: the PIN
      assertThat(flags(registration, "authenticatorData") & FLAG_UV).isEqualTo(FLAG_UV);
      // the tools' member name for the extension results
      registration.set("getClientExtensionResults", registration.remove("clientExtensionResults"));
      JsonNode result = conformance("/attestation/result", registration, 200);
      assertThat(result.toString()).isEqualTo("{\"status\":\"ok\",\"errorMessage\":\"\"}");
      conformance("/attestation/result", registration, 400);

      // a U2F-only key registers to the same conformance user
      options =
          conformance(
              "/attestation/options",
              Map.of("username", "conf-alice", "displayName", "Alice", "attestation", "none"),
              200);
      assertThat(options.path("excludeCredentials").size()).isEqualTo(1);
      conformance("/attestation/result", u2fKey.create(strip(options), origin()), 200);

      // UV required: the client asks for the PIN, the RP sees UV
      options =
          conformance(
              "/assertion/options",
              Map.of("username", "conf-alice", "userVerification", "required"),
              200);
      assertThat(options.path("allowCredentials").size()).isEqualTo(2);
      assertThat(options.path("userVerification").asText()).isEqualTo("required");
      ObjectNode assertion = pinKey.get(strip(options), origin());
      assertThat(pinKey.pinRequests).hasValue(2);
      assertThat(flags(assertion, "authenticatorData") & FLAG_UV).isEqualTo(FLAG_UV);
      assertThat(conformance("/assertion/result", assertion, 200).path("status").asText())
          .isEqualTo("ok");
      // each challenge works once
      JsonNode replay = conformance("/assertion/result", assertion, 400);
      assertThat(replay.path("status").asText()).isEqualTo("failed");
      assertThat(replay.path("errorMessage").asText()).contains("challenge");

      // UV discouraged: no PIN; the U2F key answers too
      options =
          conformance(
              "/assertion/options",
              Map.of("username", "conf-alice", "userVerification", "discouraged"),
              200);
      ObjectNode quiet = pinKey.get(strip(options), origin());
      assertThat(pinKey.pinRequests).hasValue(2);
      assertThat(flags(quiet, "authenticatorData") & FLAG_UV).isZero();
      conformance("/assertion/result", quiet, 200);
      options =
          conformance(
              "/assertion/options",
              Map.of("username", "conf-alice", "userVerification", "discouraged"),
              200);
      conformance("/assertion/result", u2fKey.get(strip(options), origin()), 200);

      // a wrong origin fails in the conformance format
      options = conformance("/assertion/options", Map.of("username", "conf-alice"), 200);
      JsonNode wrong =
          conformance(
              "/assertion/result",
              pinKey.get(strip(options), "http://localhost:" + rp.server.port()),
              400);
      assertThat(wrong.path("errorMessage").asText()).contains("origin");
      // and an unknown user has no options
      assertThat(
              conformance("/assertion/options", Map.of("username", "nobody"), 400)
                  .path("status")
                  .asText())
          .isEqualTo("failed");
    }
  }

  /** The options without the conformance members, as a PublicKeyCredential*OptionsJSON. */
  private static JsonNode strip(JsonNode options) {
    ObjectNode copy = options.deepCopy();
    copy.remove("status");
    copy.remove("errorMessage");
    return copy;
  }
}
