package io.keydesk.ctap1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CancelledException;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class U2fTest {
  /** Answers MSG calls from a queue and records the request APDUs. */
  static final class QueueDevice implements CtapDevice {
    final Deque<String> answers = new ArrayDeque<>();
    final List<String> requests = new ArrayList<>();
    Runnable onCall = () -> {};

    QueueDevice answer(String hex) {
      answers.add(hex);
      return this;
    }

    @Override
    public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener k) {
      assertThat(command).isEqualTo(CtapHidCommand.MSG);
      requests.add(Bytes.of(payload).hex());
      onCall.run();
      assertThat(answers).as("unexpected request %s", Bytes.of(payload).hex()).isNotEmpty();
      return Bytes.fromHex(answers.removeFirst()).toArray();
    }

    @Override
    public String describe() {
      return "queue";
    }

    @Override
    public void close() {}
  }

  @Test
  void apduEncodingIsExtendedLength() {
    Bytes data = Bytes.of(new byte[] {1, 2, 3});
    assertThat(Bytes.of(Apdu.of(2, 3, data).encode()).hex())
        .isEqualTo("00020300000003010203" + "0000");
    assertThat(Bytes.of(Apdu.of(3, 0, Bytes.empty()).encode()).hex()).isEqualTo("00030000000000");
    Apdu big = Apdu.of(1, 0, Bytes.of(new byte[300]));
    assertThat(Bytes.of(big.encode()).slice(0, 7).hex()).isEqualTo("0001000000012c");
    assertThat(Apdu.decode(big.encode())).isEqualTo(big);
    assertThat(Apdu.decode(Apdu.of(3, 0, Bytes.empty()).encode()).data().isEmpty()).isTrue();
    assertThatThrownBy(() -> Apdu.decode(Bytes.fromHex("000100000000050102").toArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the APDU says 5 data bytes but 2 follow the header");
  }

  @Test
  void registrationExampleParsesAndItsSignatureVerifies() throws Exception {
    RegisterResponse response = RegisterResponse.parse(U2fVectors.REGISTER_RESPONSE);
    assertThat(response.userPublicKey()).isEqualTo(U2fVectors.USER_PUBLIC_KEY);
    assertThat(response.keyHandle()).isEqualTo(U2fVectors.KEY_HANDLE);
    assertThat(response.attestationCertificate()).isEqualTo(U2fVectors.ATTESTATION_CERTIFICATE);
    assertThat(response.signature()).isEqualTo(U2fVectors.REGISTER_SIGNATURE);
    assertThat(response.toBytes()).isEqualTo(U2fVectors.REGISTER_RESPONSE);

    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(response.attestationCertificate().toArray()));
    Bytes signed =
        response.signedData(U2fVectors.REGISTER_APPLICATION, U2fVectors.REGISTER_CHALLENGE);
    assertThat(signed.slice(0, 33).hex()).isEqualTo("00" + U2fVectors.REGISTER_APPLICATION.hex());
    assertThat(verify(certificate.getPublicKey(), signed, response.signature())).isTrue();
  }

  @Test
  void authenticationExampleParsesAndItsSignatureVerifies() throws Exception {
    AuthenticateResponse response = AuthenticateResponse.parse(U2fVectors.SIGN_RESPONSE);
    assertThat(response.userPresent()).isTrue();
    assertThat(response.counter()).isEqualTo(1);
    assertThat(response.toBytes()).isEqualTo(U2fVectors.SIGN_RESPONSE);
    PublicKey key = U2fPublicKeys.fromRawPoint(U2fVectors.SIGN_PUBLIC_KEY);
    Bytes signed = response.signedData(U2fVectors.SIGN_APPLICATION, U2fVectors.SIGN_CHALLENGE);
    assertThat(verify(key, signed, response.signature())).isTrue();
  }

  @Test
  void malformedRegistrationsAreRefused() {
    assertThatThrownBy(() -> RegisterResponse.parse(U2fVectors.REGISTER_RESPONSE.slice(0, 140)))
        .isInstanceOf(U2fException.class)
        .hasMessageContaining("cannot read");
    Bytes wrongReserved =
        Bytes.concat(Bytes.fromHex("04"), U2fVectors.REGISTER_RESPONSE.slice(1, 300));
    assertThatThrownBy(() -> RegisterResponse.parse(wrongReserved))
        .hasMessageContaining("does not start with 0x05");
    assertThatThrownBy(() -> ApduResponse.parse(new byte[] {0x01}))
        .isInstanceOf(U2fException.class);
  }

  @Test
  void registerPollsUntilTouchedAndPromptsOnce() throws Exception {
    QueueDevice device =
        new QueueDevice()
            .answer("6985")
            .answer("6985")
            .answer(U2fVectors.REGISTER_RESPONSE.hex() + "9000");
    List<KeepaliveStatus> statuses = new ArrayList<>();
    RegisterResponse response =
        new U2f(device, Duration.ofMillis(1))
            .register(
                U2fVectors.REGISTER_CHALLENGE,
                U2fVectors.REGISTER_APPLICATION,
                Duration.ofSeconds(10),
                CancelToken.none(),
                statuses::add);
    assertThat(response.keyHandle()).isEqualTo(U2fVectors.KEY_HANDLE);
    assertThat(statuses).containsExactly(KeepaliveStatus.UP_NEEDED);
    String expected =
        "00010000000040"
            + U2fVectors.REGISTER_CHALLENGE.hex()
            + U2fVectors.REGISTER_APPLICATION.hex()
            + "0000";
    assertThat(device.requests).containsExactly(expected, expected, expected);
  }

  @Test
  void authenticateSendsControlByteAndKeyHandle() throws Exception {
    QueueDevice device =
        new QueueDevice()
            .answer("6985")
            .answer("6a80")
            .answer(U2fVectors.SIGN_RESPONSE.hex() + "9000");
    U2f u2f = new U2f(device, Duration.ofMillis(1));
    assertThat(u2f.isKnownKeyHandle(U2fVectors.SIGN_APPLICATION, U2fVectors.KEY_HANDLE)).isTrue();
    assertThat(u2f.isKnownKeyHandle(U2fVectors.SIGN_APPLICATION, U2fVectors.KEY_HANDLE)).isFalse();
    AuthenticateResponse response =
        u2f.authenticate(
            U2fVectors.SIGN_CHALLENGE,
            U2fVectors.SIGN_APPLICATION,
            U2fVectors.KEY_HANDLE,
            Duration.ofSeconds(1),
            CancelToken.none(),
            KeepaliveListener.NONE);
    assertThat(response.counter()).isEqualTo(1);
    String body = U2fVectors.SIGN_APPLICATION.hex() + "40" + U2fVectors.KEY_HANDLE.hex() + "0000";
    assertThat(device.requests.get(0)).isEqualTo("00020700000081" + "00".repeat(32) + body);
    assertThat(device.requests.get(2))
        .isEqualTo("00020300000081" + U2fVectors.SIGN_CHALLENGE.hex() + body);
  }

  @Test
  void wrongKeyHandleIsAClearError() {
    QueueDevice device = new QueueDevice().answer("6a80");
    assertThatThrownBy(
            () ->
                new U2f(device)
                    .authenticate(
                        U2fVectors.SIGN_CHALLENGE,
                        U2fVectors.SIGN_APPLICATION,
                        U2fVectors.KEY_HANDLE,
                        Duration.ofSeconds(1),
                        CancelToken.none(),
                        KeepaliveListener.NONE))
        .isInstanceOf(U2fException.class)
        .hasMessage(
            "U2F authentication failed with SW_WRONG_DATA (0x6A80): the key does not know this"
                + " credential (it was registered with another key or for another site).")
        .extracting(e -> ((U2fException) e).statusWord())
        .isEqualTo(U2fStatus.WRONG_DATA);
  }

  @Test
  void pollingStopsAtTheDeadlineAndOnCancel() {
    QueueDevice untouched = new QueueDevice();
    untouched.onCall = () -> untouched.answer("6985");
    assertThatThrownBy(
            () ->
                new U2f(untouched, Duration.ofMillis(1))
                    .register(
                        U2fVectors.REGISTER_CHALLENGE,
                        U2fVectors.REGISTER_APPLICATION,
                        Duration.ofMillis(20),
                        CancelToken.none(),
                        KeepaliveListener.NONE))
        .isInstanceOf(U2fException.class)
        .hasMessageContaining("the key was not touched in time");

    CancelToken cancel = new CancelToken();
    QueueDevice cancelling = new QueueDevice();
    cancelling.onCall =
        () -> {
          cancelling.answer("6985");
          if (cancelling.requests.size() == 1) {
            cancel.cancel();
          }
        };
    assertThatThrownBy(
            () ->
                new U2f(cancelling, Duration.ofSeconds(30))
                    .register(
                        U2fVectors.REGISTER_CHALLENGE,
                        U2fVectors.REGISTER_APPLICATION,
                        Duration.ofMinutes(5),
                        cancel,
                        KeepaliveListener.NONE))
        .isInstanceOf(CancelledException.class);
    assertThat(cancelling.requests).hasSize(1);
  }

  private static boolean verify(PublicKey key, Bytes data, Bytes signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(data.toArray());
    return verifier.verify(signature.toArray());
  }
}
