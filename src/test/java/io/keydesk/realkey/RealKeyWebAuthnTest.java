package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.UserVerificationRequirement;
import io.keydesk.app.DeviceSession;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.testing.YubicoRelyingParty;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Read-only for the key's stored state: a non-discoverable credential lives only in its credential
 * ID (nothing is stored on the key), verified end to end by Yubico's java-webauthn-server; and a
 * CTAP error path. Needs two touches.
 */
@RealKeyTest
class RealKeyWebAuthnTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void nonDiscoverableRegistrationAndAssertionVerifyAtTheRelyingParty(RealKey key)
      throws Exception {
    try (DeviceSession session = key.open()) {
      Info info = session.info();
      boolean pinNeeded =
          info.isOptionEnabled(Info.OPTION_ALWAYS_UV)
              || (info.isPinSet().orElse(false)
                  && !info.isOptionEnabled(Info.OPTION_MAKE_CRED_UV_NOT_RQD));
      assumeFalse(
          pinNeeded,
          "the key needs its PIN for every makeCredential (it has a PIN and no makeCredUvNotRqd,"
              + " or alwaysUv), and the real-key tier never enters a PIN");
      RealKeyRelyingParty rp = new RealKeyRelyingParty();

      RegistrationResult registration =
          rp.register(
              session.device(),
              RealKey.person(
                  "register a test credential (not stored on the key)", Optional.empty()),
              false,
              UserVerificationRequirement.DISCOURAGED);
      assertThat(registration.getKeyId().getId().size()).as("credential ID length").isPositive();
      assertThat(registration.getAaguid().getBytes())
          .as("AAGUID in the attested credential data")
          .isEqualTo(info.aaguid().toArray());

      AssertionResult assertion =
          rp.authenticate(
              session.device(),
              RealKey.person("sign in with the test credential", Optional.empty()),
              false,
              UserVerificationRequirement.DISCOURAGED);
      assertThat(assertion.isSuccess()).isTrue();
      assertThat(assertion.getCredential().getCredentialId())
          .isEqualTo(registration.getKeyId().getId());
      assertThat(assertion.getUsername()).isEqualTo(YubicoRelyingParty.USERNAME);
      assertThat(assertion.isSignatureCounterValid()).isTrue();
    }
  }

  /** CTAP 2.1 section 6.2.2: an allowList with no credential of this key gives NO_CREDENTIALS. */
  @Test
  void getAssertionForAnUnknownCredentialFailsWithNoCredentials(RealKey key) throws Exception {
    try (DeviceSession session = key.open()) {
      byte[] unknownId = new byte[64];
      RANDOM.nextBytes(unknownId);
      RealKey.assertNoCredentials(
          session,
          List.of(PublicKeyCredentialDescriptor.publicKey(Bytes.of(unknownId))),
          "finish the unknown-credential check",
          "getAssertion for a credential the key never made");
    }
  }
}
