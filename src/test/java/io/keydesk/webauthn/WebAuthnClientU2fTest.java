package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AttestationType;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.u2f.U2fHandler;
import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.testing.SoftwareKeys;
import io.keydesk.testing.YubicoRelyingParty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CTAP1/U2F fallback: the software authenticator in U2F-only mode (no CBOR), the client
 * registering and authenticating over CTAPHID_MSG, and java-webauthn-server verifying the fido-u2f
 * attestation and the assertions.
 */
class WebAuthnClientU2fTest {
  static final String ORIGIN = WebAuthnClientEndToEndTest.ORIGIN;

  SoftwareAuthenticator authenticator;
  CtapHidDevice device;
  YubicoRelyingParty.Repository repository;
  RelyingParty rp;
  WebAuthnClientEndToEndTest.TestUser user;

  @BeforeEach
  void start() throws Exception {
    authenticator = SoftwareKeys.approving(U2fHandler::new);
    device = SoftwareKeys.open(authenticator);
    repository = new YubicoRelyingParty.Repository();
    rp =
        YubicoRelyingParty.builder(repository, ORIGIN)
            .attestationConveyancePreference(AttestationConveyancePreference.DIRECT)
            .build();
    user = new WebAuthnClientEndToEndTest.TestUser();
  }

  @AfterEach
  void stop() {
    device.close();
    authenticator.close();
  }

  PublicKeyCredentialCreationOptions creation() {
    return rp.startRegistration(StartRegistrationOptions.builder().user(repository.user()).build());
  }

  @Test
  void theKeyIsU2fOnly() {
    assertThat(device.supports(CtapHidCapability.CBOR)).isFalse();
    assertThat(device.supports(CtapHidCapability.NMSG)).isFalse();
  }

  @Test
  void registerAndAuthenticateVerifyWithFidoU2fAttestation() throws Exception {
    PublicKeyCredentialCreationOptions creation = creation();
    RegistrationResponseJSON registration =
        new WebAuthnClient(device)
            .create(
                WebAuthnJson.read(creation.toJson(), PublicKeyCredentialCreationOptionsJSON.class),
                ORIGIN,
                user,
                CancelToken.none());
    AttestationObject attestation =
        AttestationObject.parse(registration.response().attestationObject());
    assertThat(attestation.fmt()).isEqualTo("fido-u2f");
    assertThat(attestation.authData().attestedCredentialData().orElseThrow().aaguid())
        .isEqualTo(Bytes.of(new byte[16]));
    assertThat(registration.response().publicKeyAlgorithm()).contains(-7L);
    RegistrationResult result =
        YubicoRelyingParty.finishRegistration(rp, creation, WebAuthnJson.write(registration));
    assertThat(result.getAttestationType()).isEqualTo(AttestationType.BASIC);
    repository.add(result);

    for (int i = 0; i < 2; i++) {
      AssertionRequest request =
          rp.startAssertion(StartAssertionOptions.builder().username("alice").build());
      String json =
          WebAuthnJson.mapper()
              .readTree(request.getPublicKeyCredentialRequestOptions().toCredentialsGetJson())
              .get("publicKey")
              .toString();
      AuthenticationResponseJSON assertion =
          new WebAuthnClient(device)
              .get(
                  WebAuthnJson.read(json, PublicKeyCredentialRequestOptionsJSON.class),
                  ORIGIN,
                  user,
                  CancelToken.none());
      AssertionResult verified =
          YubicoRelyingParty.finishAssertion(rp, request, WebAuthnJson.write(assertion));
      assertThat(verified.isSuccess()).isTrue();
      assertThat(verified.getSignatureCount()).isEqualTo(i + 1);
      repository.credentials.clear();
      repository.add(result, verified.getSignatureCount());
    }
  }

  @Test
  void edDsaOnlyIsNotSupportedOnAU2fKey() {
    String json =
        "{\"rp\":{\"id\":\"example.com\",\"name\":\"Example\"},\"user\":{\"id\":\"AQ\","
            + "\"name\":\"a\",\"displayName\":\"A\"},\"challenge\":\""
            + Bytes.of(new byte[32]).base64Url()
            + "\",\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-8}]}";
    assertThatThrownBy(
            () ->
                new WebAuthnClient(device)
                    .create(
                        WebAuthnJson.read(json, PublicKeyCredentialCreationOptionsJSON.class),
                        ORIGIN,
                        user,
                        CancelToken.none()))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageContaining("can make only ES256 credentials")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.NOT_SUPPORTED);
  }

  @Test
  void unknownCredentialIsNotAllowed() throws Exception {
    String json =
        "{\"challenge\":\""
            + Bytes.of(new byte[32]).base64Url()
            + "\",\"allowCredentials\":[{\"type\":\"public-key\",\"id\":\"AQID\"}]}";
    assertThatThrownBy(
            () ->
                new WebAuthnClient(device)
                    .get(
                        WebAuthnJson.read(json, PublicKeyCredentialRequestOptionsJSON.class),
                        ORIGIN,
                        user,
                        CancelToken.none()))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageContaining("not registered with this account")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.NOT_ALLOWED);
  }
}
