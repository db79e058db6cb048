package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AttestationType;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder;
import com.yubico.webauthn.data.COSEAlgorithmIdentifier;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RegistrationExtensionInputs;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserVerificationRequirement;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.PinRules;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import io.keydesk.testing.SoftwareKeys;
import io.keydesk.testing.YubicoRelyingParty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tier 5: the WebAuthn client drives the software authenticator over CTAPHID, and Yubico's
 * java-webauthn-server, an independent relying party, verifies every registration
 * (finishRegistration) and every assertion (finishAssertion).
 */
class WebAuthnClientEndToEndTest {
  static final String ORIGIN = "https://login.example.com";
  static final String PIN = "271828";

  /** Counts prompts and answers PIN requests with {@link #PIN}. */
  static class TestUser implements UserInteraction {
    final AtomicInteger touches = new AtomicInteger();
    final List<PinRequest> pinRequests = new ArrayList<>();
    String pin = PIN;

    @Override
    public void promptTouch() {
      touches.incrementAndGet();
    }

    @Override
    public Optional<char[]> requestPin(PinRequest request) {
      pinRequests.add(request);
      return Optional.of(pin.toCharArray());
    }

    @Override
    public boolean requestUv(UvRequest request) {
      return false;
    }
  }

  SoftwareAuthenticator authenticator;
  CtapHidDevice device;
  YubicoRelyingParty.Repository repository;
  RelyingParty rp;
  TestUser user;

  @BeforeEach
  void start() throws Exception {
    authenticator = SoftwareKeys.approving(Ctap2CommandHandler::new);
    device = SoftwareKeys.open(authenticator);
    repository = new YubicoRelyingParty.Repository();
    rp = YubicoRelyingParty.builder(repository, ORIGIN).build();
    user = new TestUser();
  }

  @AfterEach
  void stop() {
    device.close();
    authenticator.close();
  }

  void setPin() throws Exception {
    Ctap2 ctap = new Ctap2(device);
    Info info = ctap.getInfo();
    ClientPin.create(ctap.channel(), info.pinUvAuthProtocols(), PinRules.DEFAULT)
        .setPin(PIN.toCharArray());
  }

  PublicKeyCredentialCreationOptions startRegistration(
      long alg, boolean discoverable, String uv, boolean credProps) {
    AuthenticatorSelectionCriteriaBuilder selection =
        com.yubico.webauthn.data.AuthenticatorSelectionCriteria.builder()
            .residentKey(
                discoverable ? ResidentKeyRequirement.REQUIRED : ResidentKeyRequirement.DISCOURAGED)
            .userVerification(UserVerificationRequirement.valueOf(uv));
    return rp
        .startRegistration(
            StartRegistrationOptions.builder()
                .user(repository.user())
                .authenticatorSelection(selection.build())
                .extensions(RegistrationExtensionInputs.builder().credProps(credProps).build())
                .build())
        .toBuilder()
        .pubKeyCredParams(
            List.of(
                PublicKeyCredentialParameters.builder()
                    .alg(COSEAlgorithmIdentifier.fromId(alg).orElseThrow())
                    .build()))
        .build();
  }

  RegistrationResult register(PublicKeyCredentialCreationOptions creation, ObjectNode extraExt)
      throws Exception {
    ObjectNode json = (ObjectNode) WebAuthnJson.mapper().readTree(creation.toJson());
    if (extraExt != null) {
      ObjectNode ext =
          json.has("extensions")
              ? (ObjectNode) json.get("extensions")
              : json.putObject("extensions");
      ext.setAll(extraExt);
    }
    PublicKeyCredentialCreationOptionsJSON options =
        WebAuthnJson.read(json.toString(), PublicKeyCredentialCreationOptionsJSON.class);
    RegistrationResponseJSON response =
        new WebAuthnClient(recordingDevice()).create(options, ORIGIN, user, CancelToken.none());
    lastRegistration = response;
    RegistrationResult result =
        YubicoRelyingParty.finishRegistration(rp, creation, WebAuthnJson.write(response));
    repository.add(result);
    return result;
  }

  /** What the client sent to the key with authenticatorMakeCredential, for assertions. */
  final List<CborMap> makeCredentialRequests = new ArrayList<>();

  /** The key, recording each makeCredential request on its way. */
  CtapDevice recordingDevice() {
    return new CtapDevice() {
      @Override
      public byte[] call(
          int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive)
          throws TransportException {
        if (payload.length > 1 && payload[0] == CtapCommand.MAKE_CREDENTIAL) {
          try {
            makeCredentialRequests.add(
                Cbor.decodeMap(java.util.Arrays.copyOfRange(payload, 1, payload.length)));
          } catch (io.keydesk.cbor.CborException e) {
            throw new AssertionError("the client sent malformed CBOR", e);
          }
        }
        return device.call(command, payload, cancel, keepalive);
      }

      @Override
      public String describe() {
        return device.describe();
      }

      @Override
      public void close() {}
    };
  }

  RegistrationResponseJSON lastRegistration;
  AuthenticationResponseJSON lastAssertion;

  AssertionResult authenticate(boolean withUsername, String uv, ObjectNode extensions)
      throws Exception {
    StartAssertionOptions.StartAssertionOptionsBuilder start =
        StartAssertionOptions.builder().userVerification(UserVerificationRequirement.valueOf(uv));
    if (withUsername) {
      start.username("alice");
    }
    AssertionRequest request = rp.startAssertion(start.build());
    ObjectNode json =
        (ObjectNode)
            WebAuthnJson.mapper()
                .readTree(request.getPublicKeyCredentialRequestOptions().toCredentialsGetJson())
                .get("publicKey");
    if (extensions != null) {
      json.set("extensions", extensions);
    }
    AuthenticationResponseJSON response =
        new WebAuthnClient(device)
            .get(
                WebAuthnJson.read(json.toString(), PublicKeyCredentialRequestOptionsJSON.class),
                ORIGIN,
                user,
                CancelToken.none());
    lastAssertion = response;
    AssertionResult result =
        YubicoRelyingParty.finishAssertion(rp, request, WebAuthnJson.write(response));
    assertThat(result.isSuccess()).isTrue();
    return result;
  }

  @ParameterizedTest(name = "alg {0}, discoverable {1}, PIN {2}, uv {3}")
  @CsvSource({
    "-7, false, false, PREFERRED",
    "-7, true, false, DISCOURAGED",
    "-8, false, false, PREFERRED",
    "-8, true, false, PREFERRED",
    "-7, false, true, PREFERRED",
    "-7, true, true, REQUIRED",
    "-8, false, true, DISCOURAGED",
    "-8, true, true, REQUIRED",
  })
  void everyRegistrationAndAssertionVerifies(long alg, boolean rk, boolean pin, String uv)
      throws Exception {
    if (pin) {
      setPin();
    }
    RegistrationResult registration = register(startRegistration(alg, rk, uv, true), null);
    assertThat(registration.isDiscoverable()).contains(rk);
    assertThat(lastRegistration.response().publicKeyAlgorithm()).contains(alg);
    assertThat(lastRegistration.authenticatorAttachment()).contains("cross-platform");
    assertThat(lastRegistration.clientExtensionResults().get("credProps").get("rk").booleanValue())
        .isEqualTo(rk);
    boolean verified = pin && !uv.equals("DISCOURAGED");
    assertThat(registration.isUserVerified()).isEqualTo(verified);
    assertThat(user.pinRequests).hasSize(verified ? 1 : 0);

    AssertionResult assertion = authenticate(!rk, uv, null);
    assertThat(assertion.getCredential().getCredentialId())
        .isEqualTo(registration.getKeyId().getId());
    assertThat(assertion.isUserVerified()).isEqualTo(verified);
    assertThat(lastAssertion.response().userHandle().isPresent()).isEqualTo(rk);
  }

  @Test
  void extensionsCredProtectHmacSecretAndPrf() throws Exception {
    setPin();
    ObjectNode ext = WebAuthnJson.mapper().createObjectNode();
    ext.put("credentialProtectionPolicy", "userVerificationRequired");
    ext.put("enforceCredentialProtectionPolicy", true);
    ext.put("hmacCreateSecret", true);
    ext.putObject("prf");
    register(startRegistration(-7, true, "REQUIRED", false), ext);
    assertThat(lastRegistration.clientExtensionResults().get("hmacCreateSecret").booleanValue())
        .isTrue();
    assertThat(lastRegistration.clientExtensionResults().get("prf").get("enabled").booleanValue())
        .isTrue();
    AuthenticatorData authData =
        AuthenticatorData.parse(lastRegistration.response().authenticatorData().orElseThrow());
    assertThat(authData.extensions().orElseThrow().get("credProtect")).contains(3L);

    ObjectNode prf = WebAuthnJson.mapper().createObjectNode();
    prf.putObject("prf").putObject("eval").put("first", Bytes.of(new byte[] {1, 2, 3}).base64Url());
    authenticate(false, "REQUIRED", prf);
    String first =
        lastAssertion.clientExtensionResults().get("prf").get("results").get("first").textValue();
    assertThat(Bytes.fromBase64Url(first).length()).isEqualTo(32);
    authenticate(false, "REQUIRED", prf);
    assertThat(
            lastAssertion
                .clientExtensionResults()
                .get("prf")
                .get("results")
                .get("first")
                .textValue())
        .as("the PRF is deterministic for the same input")
        .isEqualTo(first);

    ObjectNode hmac = WebAuthnJson.mapper().createObjectNode();
    hmac.putObject("hmacGetSecret")
        .put("salt1", Prf.salt(Bytes.of(new byte[] {1, 2, 3})).base64Url());
    authenticate(false, "REQUIRED", hmac);
    assertThat(
            lastAssertion.clientExtensionResults().get("hmacGetSecret").get("output1").textValue())
        .as("prf is hmac-secret with the salt SHA-256(\"WebAuthn PRF\" || 0 || input)")
        .isEqualTo(first);
  }

  @Test
  void allowListOfFiftyWithTheMatchInTheMiddle() throws Exception {
    RegistrationResult registration =
        register(startRegistration(-7, false, "DISCOURAGED", false), null);
    List<PublicKeyCredentialDescriptorJSON> allow = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      allow.add(
          PublicKeyCredentialDescriptorJSON.publicKey(Bytes.of(new byte[] {9, (byte) i, 7, 7})));
    }
    Bytes id = Bytes.of(registration.getKeyId().getId().getBytes());
    allow.set(25, PublicKeyCredentialDescriptorJSON.publicKey(id));
    assertThat(new Ctap2(device).getInfo().maxCredentialCountInList()).contains(8);
    AuthenticationResponseJSON response =
        new WebAuthnClient(device)
            .get(
                new PublicKeyCredentialRequestOptionsJSON(
                    Bytes.of(new byte[32]),
                    Optional.empty(),
                    Optional.of("example.com"),
                    allow,
                    Optional.of("discouraged"),
                    List.of(),
                    Optional.empty()),
                ORIGIN,
                user,
                CancelToken.none());
    assertThat(response.rawId()).isEqualTo(id);
  }

  @Test
  void excludedCredentialIsInvalidStateAfterATouch() throws Exception {
    PublicKeyCredentialCreationOptions first = startRegistration(-7, false, "DISCOURAGED", false);
    register(first, null);
    PublicKeyCredentialCreationOptions second =
        startRegistration(-7, false, "DISCOURAGED", false).toBuilder()
            .excludeCredentials(repository.getCredentialIdsForUsername("alice"))
            .build();
    assertThatThrownBy(() -> register(second, null))
        .isInstanceOf(WebAuthnClientException.class)
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.INVALID_STATE);
  }

  @Test
  void wrongPinIsAskedAgainWithTheProblem() throws Exception {
    setPin();
    user.pin = "000000";
    TestUser wrongThenRight =
        new TestUser() {
          @Override
          public Optional<char[]> requestPin(PinRequest request) {
            pinRequests.add(request);
            return Optional.of((pinRequests.size() == 1 ? "000000" : PIN).toCharArray());
          }
        };
    user = wrongThenRight;
    register(startRegistration(-7, false, "REQUIRED", false), null);
    assertThat(wrongThenRight.pinRequests).hasSize(2);
    assertThat(wrongThenRight.pinRequests.get(1).reason()).isEqualTo(PinRequest.Reason.WRONG_PIN);
    assertThat(wrongThenRight.pinRequests.get(1).problem()).contains("Wrong PIN.");
  }

  @Test
  void requiredUvWithoutPinIsAConstraintError() {
    assertThatThrownBy(() -> register(startRegistration(-7, false, "REQUIRED", false), null))
        .isInstanceOf(WebAuthnClientException.class)
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.CONSTRAINT_ERROR);
  }

  RegistrationResult registerWith(AttestationConveyancePreference preference) throws Exception {
    RelyingParty.RelyingPartyBuilder builder = YubicoRelyingParty.builder(repository, ORIGIN);
    if (preference != null) {
      builder.attestationConveyancePreference(preference);
    }
    rp = builder.build();
    return register(startRegistration(-7, false, "DISCOURAGED", false), null);
  }

  Bytes sentAaguid(AttestationObject sent) throws Exception {
    return sent.authData().attestedCredentialData().orElseThrow().aaguid();
  }

  @ParameterizedTest(name = "attestation {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"NONE", "absent"})
  void attestationNoneOrAbsentGivesFmtNoneAndKeepsTheAaguid(String asked) throws Exception {
    RegistrationResult registration =
        registerWith(
            asked.equals("absent") ? null : AttestationConveyancePreference.valueOf(asked));

    AttestationObject sent =
        AttestationObject.parse(lastRegistration.response().attestationObject());
    assertThat(sent.fmt()).isEqualTo("none");
    assertThat(sent.attStmt()).isEqualTo(CborMap.empty());
    // WebAuthn L3 §5.1.3 keeps the AAGUID (Level 2 zeroed it), so the RP can show the model.
    assertThat(sentAaguid(sent)).isEqualTo(authenticator.aaguid());
    assertThat(registration.getAttestationType()).isEqualTo(AttestationType.NONE);
    assertThat(registration.isAttestationTrusted()).isFalse();
    // The key reports attestationFormats (a CTAP 2.2 member), so it was asked for "none".
    assertThat(
            makeCredentialRequests
                .get(0)
                .getList(MakeCredentialRequest.ATTESTATION_FORMATS_PREFERENCE))
        .containsExactly("none");
    AssertionResult assertion = authenticate(true, "DISCOURAGED", null);
    assertThat(assertion.isSuccess()).isTrue();
  }

  @Test
  void attestationDirectIsConveyedUnaltered() throws Exception {
    RegistrationResult registration = registerWith(AttestationConveyancePreference.DIRECT);

    AttestationObject sent =
        AttestationObject.parse(lastRegistration.response().attestationObject());
    assertThat(sent.fmt()).isEqualTo("packed");
    assertThat(sent.attStmt().has("x5c")).isTrue();
    assertThat(sentAaguid(sent)).isEqualTo(authenticator.aaguid());
    assertThat(registration.getAttestationType()).isEqualTo(AttestationType.BASIC);
    assertThat(
            makeCredentialRequests.get(0).has(MakeCredentialRequest.ATTESTATION_FORMATS_PREFERENCE))
        .isFalse();
    AssertionResult assertion = authenticate(true, "DISCOURAGED", null);
    assertThat(assertion.isSuccess()).isTrue();
  }
}
