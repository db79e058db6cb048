package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap1.AuthenticateResponse;
import io.keydesk.ctap1.RegisterResponse;
import io.keydesk.ctap1.U2f;
import io.keydesk.ctap1.U2fPublicKeys;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.testing.YubicoRelyingParty;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import org.junit.jupiter.api.Test;

/**
 * Read-only for the key's stored state: CTAP1/U2F over CTAPHID_MSG (FIDO U2F raw message formats
 * sections 4-6), when the key has it. A U2F key pair lives in its key handle; nothing is stored.
 * Needs two touches.
 */
@RealKeyTest
class RealKeyU2fTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void registersAndAuthenticatesWithVerifiableSignatures(RealKey key) throws Exception {
    try (CtapHidDevice hid = key.openHid()) {
      assumeFalse(
          hid.supports(CtapHidCapability.NMSG),
          "the key has no CTAP1/U2F: its CTAPHID INIT sets NMSG (no CTAPHID_MSG)");
      U2f u2f = new U2f(hid);
      assertThat(u2f.version()).isEqualTo("U2F_V2");

      Bytes application = sha256(YubicoRelyingParty.RP_ID);
      Bytes registerChallenge = random32();
      RegisterResponse registration =
          u2f.register(
              registerChallenge,
              application,
              RealKey.TOUCH_TIMEOUT,
              CancelToken.none(),
              RealKey.touchPrompt("register a U2F test key pair (not stored on the key)"));
      PublicKey attestationKey =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(registration.attestationCertificate().toArray()))
              .getPublicKey();
      assertThat(
              verifies(
                  attestationKey,
                  registration.signedData(application, registerChallenge),
                  registration.signature()))
          .as("the registration signature verifies with the attestation certificate")
          .isTrue();

      assertThat(u2f.isKnownKeyHandle(application, registration.keyHandle())).isTrue();
      assertThat(u2f.isKnownKeyHandle(sha256("other.example"), registration.keyHandle()))
          .as("the key handle is bound to its application")
          .isFalse();

      Bytes challenge = random32();
      AuthenticateResponse assertion =
          u2f.authenticate(
              challenge,
              application,
              registration.keyHandle(),
              RealKey.TOUCH_TIMEOUT,
              CancelToken.none(),
              RealKey.touchPrompt("sign with the U2F test key pair"));
      assertThat(assertion.userPresent()).isTrue();
      assertThat(
              verifies(
                  U2fPublicKeys.fromRawPoint(registration.userPublicKey()),
                  assertion.signedData(application, challenge),
                  assertion.signature()))
          .as("the authentication signature verifies with the registered public key")
          .isTrue();
    }
  }

  private static boolean verifies(PublicKey key, Bytes data, Bytes signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(data.toArray());
    return verifier.verify(signature.toArray());
  }

  private static Bytes sha256(String text) throws Exception {
    return Bytes.of(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Bytes random32() {
    byte[] value = new byte[32];
    RANDOM.nextBytes(value);
    return Bytes.of(value);
  }
}
