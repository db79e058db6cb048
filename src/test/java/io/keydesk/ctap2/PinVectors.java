package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Known-answer inputs and outputs. The KEYDESK_* values come from
 * src/test/resources/io/keydesk/ctap2/pin_vectors.py (pyca/cryptography, independent of our code);
 * the FIDO2_* values are the protocol-one vectors of python-fido2's test_ctap2.py.
 */
final class PinVectors {
  private PinVectors() {}

  // python-fido2 tests/test_ctap2.py (protocol one)
  static final BigInteger PLATFORM_PRIVATE =
      new BigInteger("7452E599FEE739D8A653F6A507343D12D382249108A651402520B72F24FE7684", 16);
  static final Bytes PLATFORM_X =
      Bytes.fromHex("44D78D7989B97E62EA993496C9EF6E8FD58B8B00715F9A89153DDD9C4657E47F");
  static final Bytes PLATFORM_Y =
      Bytes.fromHex("EC802EE7D22BD4E100F12E48537EB4E7E96ED3A47A0A3BD5F5EEAB65001664F9");
  static final Bytes FIDO2_DEVICE_X =
      Bytes.fromHex("0501D5BC78DA9252560A26CB08FCC60CBE0B6D3B8E1D1FCEE514FAC0AF675168");
  static final Bytes FIDO2_DEVICE_Y =
      Bytes.fromHex("D551B3ED46F665731F95B4532939C25D91DB7EB844BD96D4ABD4083785F8DF47");
  static final Bytes FIDO2_SHARED =
      Bytes.fromHex("c42a039d548100dfba521e487debcbbb8b66bb7496f8b1862a7a395ed83e1a1c");
  static final Bytes FIDO2_TOKEN_ENC = Bytes.fromHex("7A9F98E31B77BE90F9C64D12E9635040");
  static final Bytes FIDO2_TOKEN = Bytes.fromHex("aff12c6dcfbf9df52f7a09211e8865cd");
  static final Bytes FIDO2_PIN_HASH_ENC_1234 = Bytes.fromHex("afe8327ce416da8ee3d057589c2ce1a9");
  static final Bytes FIDO2_SET_PIN_1234_NEW_PIN_ENC =
      Bytes.fromHex(
          "0222fc42c6dd76a274a7057858b9b29d98e8a722ec2dc6668476168c5320473c"
              + "ec9907b4cd76ce7943c96ba5683943211d84471e64d9c51e54763488cd66526a");
  static final Bytes FIDO2_SET_PIN_1234_PARAM = Bytes.fromHex("7b40c084ccc5794194189ab57836475f");
  static final Bytes FIDO2_CHANGE_PIN_4321_NEW_PIN_ENC =
      Bytes.fromHex(
          "4280e14aac4fcbf02dd079985f0c0ffc9ea7d5f9c173fd1a4c843826f7590cb3"
              + "c2d080c6923e2fe6d7a52c31ea1309d3fcca3dedae8a2ef14b6330cafc79339e");
  static final Bytes FIDO2_CHANGE_PIN_PARAM = Bytes.fromHex("fb97e92f3724d7c85e001d7f93e6490a");

  // pin_vectors.py
  static final BigInteger AUTHENTICATOR_PRIVATE =
      new BigInteger("1F2E3D4C5B6A79880F1E2D3C4B5A69788796A5B4C3D2E1F00112233445566778", 16);
  static final Bytes AUTHENTICATOR_X =
      Bytes.fromHex("1cc2bc7e8a005a97fd7d112c22d583ae25a74392ac7f467718b1480d2f2145c9");
  static final Bytes AUTHENTICATOR_Y =
      Bytes.fromHex("65c496d03a1f6abd9a98e7064b0a0d5823a62300122e5d4927074a5e20f26b4c");
  static final Bytes Z =
      Bytes.fromHex("6928cf8fc9553dbd0a3c014a80c2bad7ee77acb0e76d2319d0715099ac38ae76");
  static final Bytes V1_SECRET =
      Bytes.fromHex("ea76caeae3c21d8548412e74221e4c97d389b1cbab0b261e7cc221a3345860fd");
  static final Bytes V2_HMAC_KEY =
      Bytes.fromHex("387c94fa45a19e6080b1056a1213406f825a8ce5077261383f85b8417e67f6e3");
  static final Bytes V2_AES_KEY =
      Bytes.fromHex("909552625354fc7688ceb0c093271bd1173d7b4b7f5b127079b2d9e21e3b8ebf");
  static final Bytes TOKEN =
      Bytes.fromHex("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f");
  static final Bytes CLIENT_DATA_HASH = Bytes.fromHex("5a".repeat(32));
  static final Bytes V1_TOKEN_ENC =
      Bytes.fromHex("d6253c5cb832ea215265f8e99640a2350f3541ab1e4ad0a0a7df4a366defbe66");
  static final Bytes V2_TOKEN_ENC =
      Bytes.fromHex(
          "33333333333333333333333333333333"
              + "7a82b1f7c93bfcf322fc236fc8c80c1bf49e9e6b5e8b93f3ba0f45b165516394");
  static final Bytes V1_TOKEN_PARAM = Bytes.fromHex("ee75dfe77496c59e0c227d100b665b25");
  static final Bytes V2_TOKEN_PARAM =
      Bytes.fromHex("ee75dfe77496c59e0c227d100b665b2538e82e0230a3b069175b250b07e2c302");

  static KeyAgreementKey platformKey() {
    return KeyAgreementKey.fromPrivateScalar(PLATFORM_PRIVATE);
  }

  static KeyAgreementKey authenticatorKey() {
    return KeyAgreementKey.fromPrivateScalar(AUTHENTICATOR_PRIVATE);
  }

  static CborMap coseKey(Bytes x, Bytes y) {
    return CborMap.builder().put(1, 2L).put(3, -25L).put(-1, 1L).put(-2, x).put(-3, y).build();
  }

  static byte[] v2Secret() {
    return Bytes.concat(V2_HMAC_KEY, V2_AES_KEY).toArray();
  }

  /** Protocol 2 whose IVs are 11..11, 22..22, 33..33, ... in call order. */
  static PinProtocolV2 v2WithCountingIvs() {
    AtomicInteger calls = new AtomicInteger();
    return new PinProtocolV2(fixedIvs(calls));
  }

  /** Protocol 2 whose every IV is 33..33, as the authenticator in pin_vectors.py. */
  static PinProtocolV2 v2WithAuthenticatorIv() {
    return new PinProtocolV2(() -> filled(0x33));
  }

  private static Supplier<byte[]> fixedIvs(AtomicInteger calls) {
    return () -> filled(0x11 * calls.incrementAndGet());
  }

  static byte[] filled(int value) {
    byte[] iv = new byte[16];
    Arrays.fill(iv, (byte) value);
    return iv;
  }
}
