package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.AAGUID;
import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.mc;
import static io.keydesk.authenticator.ctap.TestAuthenticator.sha256;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.webauthn.AttestationObject;
import io.keydesk.webauthn.AttestationResult;
import io.keydesk.webauthn.AttestationVerifier;
import io.keydesk.webauthn.AuthenticatorData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authenticator's output read back by KeyDesk's WebAuthn layer (written separately, against
 * WebAuthn L3 section 6.1 and 8.2): authData parses with the expected flags and extensions, and
 * each attestation mode verifies with the expected type.
 */
class WebAuthnCrossCheckTest {
  @ParameterizedTest
  @CsvSource({
    "PACKED_BATCH, -7, BASIC",
    "PACKED_BATCH, -8, BASIC",
    "PACKED_SELF, -7, SELF",
    "PACKED_SELF, -8, SELF",
    "NONE, -7, NONE"
  })
  void attestationVerifiesInTheWebAuthnLayer(
      AttestationMode mode, long algorithm, AttestationResult.Type expected) throws Exception {
    TestAuthenticator authenticator =
        new TestAuthenticator(Ctap2Config.defaults(AAGUID).withAttestationMode(mode));
    MakeCredentialResponse response =
        authenticator.makeCredential(
            mc("example.com", user("alice"), algorithm)
                .extensions(
                    CborMap.builder().put("credProtect", 3).put("hmac-secret", true).build())
                .build());

    AttestationObject object =
        new AttestationObject(response.fmt(), response.attStmt(), response.authData());
    AttestationResult result = AttestationVerifier.verify(object, CLIENT_DATA_HASH);
    assertThat(result.type()).isEqualTo(expected);
    assertThat(result.verified()).isTrue();
    if (expected == AttestationResult.Type.BASIC) {
      assertThat(result.trustPath())
          .containsExactly(authenticator.processor.attestation().batchCertificate());
    }

    AuthenticatorData authData = object.authData();
    assertThat(authData.rpIdHash()).isEqualTo(sha256("example.com"));
    assertThat(authData.flags()).isEqualTo(0xC1);
    assertThat(authData.attestedCredentialData().get().aaguid()).isEqualTo(AAGUID);
    assertThat(authData.attestedCredentialData().get().coseKey().algorithm().id())
        .isEqualTo(algorithm);
    assertThat(authData.extensions())
        .contains(CborMap.builder().put("credProtect", 3L).put("hmac-secret", true).build());
    assertThat(List.of(authData.signCount())).containsExactly(0L);
  }
}
