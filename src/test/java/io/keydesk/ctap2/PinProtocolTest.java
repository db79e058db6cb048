package io.keydesk.ctap2;

import static io.keydesk.ctap2.PinVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PinProtocolTest {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");

  static List<PinProtocol> protocols() {
    return List.of(new PinProtocolV1(), new PinProtocolV2());
  }

  // ---- python-fido2's protocol-one vectors ----

  @Test
  void protocolOneMatchesPythonFido2SharedSecretAndPlatformKey() throws Exception {
    try (Encapsulation session =
        new PinProtocolV1().encapsulate(coseKey(FIDO2_DEVICE_X, FIDO2_DEVICE_Y), platformKey())) {
      assertThat(Bytes.of(session.sharedSecret())).isEqualTo(FIDO2_SHARED);
      assertThat(session.keyAgreement()).isEqualTo(coseKey(PLATFORM_X, PLATFORM_Y));
    }
  }

  @Test
  void protocolOneMatchesPythonFido2PinHashEncAndToken() throws Exception {
    PinProtocolV1 v1 = new PinProtocolV1();
    byte[] secret = FIDO2_SHARED.toArray();
    byte[] pin = "1234".getBytes(StandardCharsets.UTF_8);
    assertThat(Bytes.of(Pin.pinHashEnc(v1, secret, pin))).isEqualTo(FIDO2_PIN_HASH_ENC_1234);
    assertThat(Bytes.of(v1.decrypt(secret, FIDO2_TOKEN_ENC.toArray()))).isEqualTo(FIDO2_TOKEN);
  }

  @Test
  void protocolOneMatchesPythonFido2SetAndChangePin() {
    PinProtocolV1 v1 = new PinProtocolV1();
    byte[] secret = FIDO2_SHARED.toArray();
    byte[] newPinEnc = Pin.newPinEnc(v1, secret, "1234".getBytes(StandardCharsets.UTF_8));
    assertThat(Bytes.of(newPinEnc)).isEqualTo(FIDO2_SET_PIN_1234_NEW_PIN_ENC);
    assertThat(Bytes.of(v1.authenticate(secret, newPinEnc))).isEqualTo(FIDO2_SET_PIN_1234_PARAM);

    byte[] changed = Pin.newPinEnc(v1, secret, "4321".getBytes(StandardCharsets.UTF_8));
    assertThat(Bytes.of(changed)).isEqualTo(FIDO2_CHANGE_PIN_4321_NEW_PIN_ENC);
    byte[] message = Bytes.concat(Bytes.of(changed), FIDO2_PIN_HASH_ENC_1234).toArray();
    assertThat(Bytes.of(v1.authenticate(secret, message))).isEqualTo(FIDO2_CHANGE_PIN_PARAM);
  }

  // ---- KeyDesk vectors computed with pyca/cryptography ----

  @Test
  void fixedKeysGiveTheKnownZAndPublicKeys() throws Exception {
    assertThat(authenticatorKey().publicCoseKey())
        .isEqualTo(coseKey(AUTHENTICATOR_X, AUTHENTICATOR_Y));
    assertThat(Bytes.of(platformKey().agree(coseKey(AUTHENTICATOR_X, AUTHENTICATOR_Y))))
        .isEqualTo(Z);
    assertThat(Bytes.of(authenticatorKey().agree(coseKey(PLATFORM_X, PLATFORM_Y)))).isEqualTo(Z);
  }

  @Test
  void sharedSecretsMatchTheKnownAnswers() throws Exception {
    assertThat(Bytes.of(new PinProtocolV1().kdf(Z.toArray()))).isEqualTo(V1_SECRET);
    assertThat(Bytes.of(new PinProtocolV2().kdf(Z.toArray())))
        .isEqualTo(Bytes.concat(V2_HMAC_KEY, V2_AES_KEY));
    try (Encapsulation session =
        new PinProtocolV2().encapsulate(coseKey(AUTHENTICATOR_X, AUTHENTICATOR_Y), platformKey())) {
      assertThat(Bytes.of(session.sharedSecret())).isEqualTo(Bytes.concat(V2_HMAC_KEY, V2_AES_KEY));
    }
  }

  @Test
  void tokenEncryptionAndMacMatchTheKnownAnswers() throws Exception {
    PinProtocolV1 v1 = new PinProtocolV1();
    assertThat(Bytes.of(v1.encrypt(V1_SECRET.toArray(), TOKEN.toArray()))).isEqualTo(V1_TOKEN_ENC);
    assertThat(Bytes.of(v1.decrypt(V1_SECRET.toArray(), V1_TOKEN_ENC.toArray()))).isEqualTo(TOKEN);
    assertThat(Bytes.of(v1.authenticate(TOKEN.toArray(), CLIENT_DATA_HASH.toArray())))
        .isEqualTo(V1_TOKEN_PARAM);

    PinProtocolV2 v2 = v2WithAuthenticatorIv();
    assertThat(Bytes.of(v2.encrypt(v2Secret(), TOKEN.toArray()))).isEqualTo(V2_TOKEN_ENC);
    assertThat(Bytes.of(v2.decrypt(v2Secret(), V2_TOKEN_ENC.toArray()))).isEqualTo(TOKEN);
    assertThat(Bytes.of(v2.authenticate(TOKEN.toArray(), CLIENT_DATA_HASH.toArray())))
        .isEqualTo(V2_TOKEN_PARAM);
  }

  // ---- cross-checks against BouncyCastle's low-level primitives ----

  @Test
  void ecdhAgreesWithBouncyCastle() throws Exception {
    ECDomainParameters domain =
        new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    agreement.init(new ECPrivateKeyParameters(PLATFORM_PRIVATE, domain));
    BigInteger x =
        agreement.calculateAgreement(
            new ECPublicKeyParameters(
                CURVE
                    .getCurve()
                    .createPoint(
                        new BigInteger(1, AUTHENTICATOR_X.toArray()),
                        new BigInteger(1, AUTHENTICATOR_Y.toArray())),
                domain));
    assertThat(Bytes.of(platformKey().agree(coseKey(AUTHENTICATOR_X, AUTHENTICATOR_Y))))
        .isEqualTo(Bytes.of(fixed32(x)));
  }

  @Test
  void hkdfAgreesWithRfc5869ComputedByHand() throws Exception {
    byte[] prk = jcaHmac(new byte[32], Z.toArray());
    byte[] hmacKey = jcaHmac(prk, concat("CTAP2 HMAC key".getBytes(StandardCharsets.US_ASCII), 1));
    byte[] aesKey = jcaHmac(prk, concat("CTAP2 AES key".getBytes(StandardCharsets.US_ASCII), 1));
    byte[] secret = new PinProtocolV2().kdf(Z.toArray());
    assertThat(Bytes.of(Arrays.copyOfRange(secret, 0, 32))).isEqualTo(Bytes.of(hmacKey));
    assertThat(Bytes.of(Arrays.copyOfRange(secret, 32, 64))).isEqualTo(Bytes.of(aesKey));
  }

  @Test
  void aesAndHmacAgreeWithBouncyCastle() throws Exception {
    byte[] plaintext = new byte[64];
    Arrays.fill(plaintext, (byte) 0x42);
    byte[] iv = filled(0x77);
    byte[] v2 = new PinProtocolV2(() -> iv.clone()).encrypt(v2Secret(), plaintext);
    assertThat(Bytes.of(v2))
        .isEqualTo(
            Bytes.concat(Bytes.of(iv), Bytes.of(bcAes(V2_AES_KEY.toArray(), iv, plaintext))));
    byte[] v1 = new PinProtocolV1().encrypt(V1_SECRET.toArray(), plaintext);
    assertThat(Bytes.of(v1))
        .isEqualTo(Bytes.of(bcAes(V1_SECRET.toArray(), new byte[16], plaintext)));

    byte[] message = "message".getBytes(StandardCharsets.US_ASCII);
    assertThat(Bytes.of(new PinProtocolV2().authenticate(v2Secret(), message)))
        .isEqualTo(Bytes.of(bcHmac(V2_HMAC_KEY.toArray(), message)));
    assertThat(Bytes.of(new PinProtocolV1().authenticate(V1_SECRET.toArray(), message)))
        .isEqualTo(Bytes.of(bcHmac(V1_SECRET.toArray(), message)).slice(0, 16));
  }

  // ---- both sides, random keys ----

  @ParameterizedTest
  @MethodSource("protocols")
  void platformAndAuthenticatorDeriveTheSameSecret(PinProtocol protocol) throws Exception {
    AuthenticatorKeyAgreement authenticator = new AuthenticatorKeyAgreement(protocol);
    try (Encapsulation session = protocol.encapsulate(authenticator.getPublicKey())) {
      byte[] secret = authenticator.decapsulate(session.keyAgreement());
      assertThat(secret).isEqualTo(session.sharedSecret());
      assertThat(secret).hasSize(protocol.version() == 1 ? 32 : 64);

      byte[] pin = "4711".getBytes(StandardCharsets.UTF_8);
      byte[] newPinEnc = Pin.newPinEnc(protocol, session.sharedSecret(), pin);
      byte[] param = protocol.authenticate(session.sharedSecret(), newPinEnc);
      assertThat(protocol.verify(secret, newPinEnc, param)).isTrue();
      assertThat(Pin.unpad(protocol.decrypt(secret, newPinEnc)))
          .hasValueSatisfying(p -> assertThat(p).isEqualTo(pin));
    }
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void regenerateMakesOldSecretsUseless(PinProtocol protocol) throws Exception {
    AuthenticatorKeyAgreement authenticator = new AuthenticatorKeyAgreement(protocol);
    try (Encapsulation session = protocol.encapsulate(authenticator.getPublicKey())) {
      authenticator.regenerate();
      assertThat(authenticator.decapsulate(session.keyAgreement()))
          .isNotEqualTo(session.sharedSecret());
    }
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void tamperedMessageOrMacFailsVerification(PinProtocol protocol) {
    byte[] key = protocol.version() == 1 ? V1_SECRET.toArray() : v2Secret();
    byte[] message = CLIENT_DATA_HASH.toArray();
    byte[] mac = protocol.authenticate(key, message);
    assertThat(protocol.verify(key, message, mac)).isTrue();

    byte[] tamperedMessage = message.clone();
    tamperedMessage[31] ^= 1;
    assertThat(protocol.verify(key, tamperedMessage, mac)).isFalse();
    byte[] tamperedMac = mac.clone();
    tamperedMac[0] ^= (byte) 0x80;
    assertThat(protocol.verify(key, message, tamperedMac)).isFalse();
    assertThat(protocol.verify(key, message, Arrays.copyOf(mac, mac.length - 1))).isFalse();
    assertThat(protocol.verify(key, message, new byte[0])).isFalse();
  }

  @Test
  void macLengthsAreSixteenAndThirtyTwo() {
    assertThat(new PinProtocolV1().authenticate(TOKEN.toArray(), new byte[1])).hasSize(16);
    assertThat(new PinProtocolV2().authenticate(TOKEN.toArray(), new byte[1])).hasSize(32);
  }

  @Test
  void protocolTwoUsesAFreshRandomIvEachTime() throws Exception {
    PinProtocolV2 v2 = new PinProtocolV2();
    byte[] first = v2.encrypt(v2Secret(), TOKEN.toArray());
    byte[] second = v2.encrypt(v2Secret(), TOKEN.toArray());
    assertThat(first).hasSize(48).isNotEqualTo(second);
    assertThat(v2.decrypt(v2Secret(), second)).isEqualTo(TOKEN.toArray());
  }

  // ---- rejection ----

  @ParameterizedTest
  @MethodSource("protocols")
  void pointOffTheCurveIsRejectedOnBothSides(PinProtocol protocol) {
    BigInteger y = new BigInteger(1, AUTHENTICATOR_Y.toArray()).add(BigInteger.ONE);
    CborMap offCurve = coseKey(AUTHENTICATOR_X, Bytes.of(fixed32(y)));
    assertThatThrownBy(() -> protocol.encapsulate(offCurve))
        .isInstanceOf(CtapException.class)
        .hasMessageContaining("not on the P-256 curve")
        .extracting(e -> ((CtapException) e).status())
        .isEqualTo(CtapStatus.INVALID_PARAMETER);
    AuthenticatorKeyAgreement authenticator = new AuthenticatorKeyAgreement(protocol);
    assertThatThrownBy(() -> authenticator.decapsulate(offCurve))
        .isInstanceOf(CtapException.class)
        .hasMessageContaining("not on the P-256 curve");
  }

  @Test
  void malformedCoseKeysAreRejected() {
    PinProtocol v2 = new PinProtocolV2();
    BigInteger p = CURVE.getCurve().getField().getCharacteristic();
    CborMap xTooBig = coseKey(Bytes.of(fixed32(p)), AUTHENTICATOR_Y);
    CborMap shortX = coseKey(AUTHENTICATOR_X.slice(1, 32), AUTHENTICATOR_Y);
    CborMap okp =
        CborMap.builder()
            .put(1, 1L)
            .put(3, -25L)
            .put(-1, 1L)
            .put(-2, AUTHENTICATOR_X)
            .put(-3, AUTHENTICATOR_Y)
            .build();
    CborMap p384 =
        CborMap.builder()
            .put(1, 2L)
            .put(3, -25L)
            .put(-1, 2L)
            .put(-2, AUTHENTICATOR_X)
            .put(-3, AUTHENTICATOR_Y)
            .build();
    CborMap noY =
        CborMap.builder().put(1, 2L).put(3, -25L).put(-1, 1L).put(-2, AUTHENTICATOR_X).build();
    for (CborMap bad : List.of(xTooBig, shortX, okp, p384, noY)) {
      assertThatThrownBy(() -> v2.encapsulate(bad))
          .as(bad.toString())
          .isInstanceOf(CtapException.class)
          .hasMessageStartingWith("PIN key agreement failed: ")
          .hasMessageEndingWith("Re-insert the key and try again.");
    }
  }

  @Test
  void impossibleCiphertextLengthsAreRejected() {
    for (int length : new int[] {0, 15, 17}) {
      assertThatThrownBy(() -> new PinProtocolV1().decrypt(V1_SECRET.toArray(), new byte[length]))
          .isInstanceOf(CtapException.class);
    }
    for (int length : new int[] {0, 16, 31, 33}) {
      assertThatThrownBy(() -> new PinProtocolV2().decrypt(v2Secret(), new byte[length]))
          .isInstanceOf(CtapException.class)
          .hasMessageContaining(length + " bytes is not a valid length");
    }
    assertThatThrownBy(() -> new PinProtocolV1().encrypt(V1_SECRET.toArray(), new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenLengthsFollowTheProtocol() {
    assertThat(new PinProtocolV1().isValidTokenLength(16)).isTrue();
    assertThat(new PinProtocolV1().isValidTokenLength(32)).isTrue();
    assertThat(new PinProtocolV1().isValidTokenLength(24)).isFalse();
    assertThat(new PinProtocolV2().isValidTokenLength(32)).isTrue();
    assertThat(new PinProtocolV2().isValidTokenLength(16)).isFalse();
  }

  @Test
  void choosesTheFirstOfTwoThenOneThatTheKeyOffers() {
    assertThat(PinProtocol.choose(List.of(1L, 2L))).containsInstanceOf(PinProtocolV2.class);
    assertThat(PinProtocol.choose(List.of(2, 1))).containsInstanceOf(PinProtocolV2.class);
    assertThat(PinProtocol.choose(List.of(1L))).containsInstanceOf(PinProtocolV1.class);
    assertThat(PinProtocol.choose(List.of(3L, 1L))).containsInstanceOf(PinProtocolV1.class);
    assertThat(PinProtocol.choose(List.of(3L))).isEmpty();
    assertThat(PinProtocol.choose(List.of())).isEmpty();
  }

  @Test
  void encapsulationCloseZeroesTheSecret() throws Exception {
    Encapsulation session =
        new PinProtocolV2().encapsulate(coseKey(AUTHENTICATOR_X, AUTHENTICATOR_Y), platformKey());
    byte[] secret = session.sharedSecret();
    session.close();
    assertThat(secret).containsOnly(0);
    assertThat(session.toString()).doesNotContain(V2_HMAC_KEY.hex()).contains("<redacted>");
  }

  // ---- helpers: independent primitives ----

  private static byte[] fixed32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] concat(byte[] info, int counter) {
    byte[] out = Arrays.copyOf(info, info.length + 1);
    out[info.length] = (byte) counter;
    return out;
  }

  private static byte[] jcaHmac(byte[] key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }

  private static byte[] bcHmac(byte[] key, byte[] message) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(message, 0, message.length);
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  private static byte[] bcAes(byte[] key, byte[] iv, byte[] plaintext) {
    CBCBlockCipher cipher = (CBCBlockCipher) CBCBlockCipher.newInstance(AESEngine.newInstance());
    cipher.init(true, new ParametersWithIV(new KeyParameter(key), iv));
    byte[] out = new byte[plaintext.length];
    for (int i = 0; i < plaintext.length; i += 16) {
      cipher.processBlock(plaintext, i, out, i);
    }
    return out;
  }
}
