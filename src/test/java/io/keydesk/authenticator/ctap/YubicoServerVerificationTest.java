package io.keydesk.authenticator.ctap;

import static org.assertj.core.api.Assertions.assertThat;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AttestationType;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.ctap2.RpEntity;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.testing.YubicoRelyingParty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tier 5: Yubico's java-webauthn-server, an independent relying party, verifies a registration
 * (packed batch attestation trusted through the authenticator's root certificate) and an assertion
 * made by the software authenticator.
 */
class YubicoServerVerificationTest {
  private static final String ORIGIN = "https://example.com";

  private static String clientData(String type, ByteArray challenge) {
    return "{\"type\":\""
        + type
        + "\",\"challenge\":\""
        + challenge.getBase64Url()
        + "\",\"origin\":\""
        + ORIGIN
        + "\",\"crossOrigin\":false}";
  }

  private static Bytes sha256(String text) throws Exception {
    return Bytes.of(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String b64(String text) {
    return Bytes.of(text.getBytes(StandardCharsets.UTF_8)).base64Url();
  }

  @ParameterizedTest
  @ValueSource(longs = {CredentialParameters.ES256, CredentialParameters.EDDSA})
  void registrationAndAssertionVerify(long algorithm) throws Exception {
    TestAuthenticator authenticator = new TestAuthenticator();
    BatchAttestation attestation = authenticator.processor.attestation();
    AttestationTrustSource trust =
        (chain, aaguid) ->
            AttestationTrustSource.TrustRootsResult.builder()
                .trustRoots(Set.of(attestation.rootX509()))
                .enableRevocationChecking(false)
                .build();
    YubicoRelyingParty.Repository repository = new YubicoRelyingParty.Repository();
    RelyingParty rp =
        YubicoRelyingParty.builder(repository, ORIGIN)
            .attestationConveyancePreference(AttestationConveyancePreference.DIRECT)
            .attestationTrustSource(trust)
            .allowUntrustedAttestation(false)
            .build();

    PublicKeyCredentialCreationOptions creation =
        rp.startRegistration(StartRegistrationOptions.builder().user(repository.user()).build());
    String createJson = clientData("webauthn.create", creation.getChallenge());
    MakeCredentialResponse made =
        authenticator.makeCredential(
            MakeCredentialRequest.builder(
                    sha256(createJson),
                    new RpEntity("example.com", "Example"),
                    new UserEntity(Bytes.of(repository.userHandle.getBytes()), "alice", "Alice"),
                    List.of(CredentialParameters.publicKey(algorithm)))
                .options(RequestOptions.none().withRk(true))
                .build());
    Bytes attestationObject =
        Bytes.of(
            Cbor.encode(
                CborMap.builder()
                    .put("fmt", made.fmt())
                    .put("attStmt", made.attStmt())
                    .put("authData", made.authData())
                    .build()));
    Bytes credentialId = TestAuthenticator.credentialId(made.authData());
    String registrationJson =
        "{\"type\":\"public-key\",\"id\":\""
            + credentialId.base64Url()
            + "\",\"rawId\":\""
            + credentialId.base64Url()
            + "\",\"response\":{\"attestationObject\":\""
            + attestationObject.base64Url()
            + "\",\"clientDataJSON\":\""
            + b64(createJson)
            + "\"},\"clientExtensionResults\":{}}";
    RegistrationResult registration =
        YubicoRelyingParty.finishRegistration(rp, creation, registrationJson);
    assertThat(registration.getAttestationType()).isEqualTo(AttestationType.BASIC);
    assertThat(registration.isAttestationTrusted()).isTrue();
    assertThat(registration.getKeyId().getId().getBytes()).isEqualTo(credentialId.toArray());
    repository.add(registration);

    AssertionRequest request = rp.startAssertion(StartAssertionOptions.builder().build());
    String getJson =
        clientData("webauthn.get", request.getPublicKeyCredentialRequestOptions().getChallenge());
    GetAssertionResponse assertion =
        authenticator.getAssertion(
            GetAssertionRequest.builder("example.com", sha256(getJson)).build());
    String assertionJson =
        "{\"type\":\"public-key\",\"id\":\""
            + credentialId.base64Url()
            + "\",\"rawId\":\""
            + credentialId.base64Url()
            + "\",\"response\":{\"authenticatorData\":\""
            + assertion.authData().base64Url()
            + "\",\"clientDataJSON\":\""
            + b64(getJson)
            + "\",\"signature\":\""
            + assertion.signature().base64Url()
            + "\",\"userHandle\":\""
            + assertion.user().get().id().base64Url()
            + "\"},\"clientExtensionResults\":{}}";
    AssertionResult result = YubicoRelyingParty.finishAssertion(rp, request, assertionJson);
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.getUsername()).isEqualTo("alice");
    assertThat(result.getSignatureCount()).isEqualTo(1);
  }
}
