package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CoseKeyTest {
  private static final Bytes MESSAGE =
      Bytes.of("authData||clientDataHash".getBytes(StandardCharsets.UTF_8));

  @ParameterizedTest
  @EnumSource(CoseAlgorithm.class)
  void everyKindRoundTripsThroughCoseAndVerifiesSignatures(CoseAlgorithm algorithm)
      throws Exception {
    KeyPair pair = TestCredentials.generate(algorithm);
    Bytes encoded = CoseKey.of(pair.getPublic(), algorithm).toBytes();

    CoseKey parsed = CoseKey.decode(encoded);
    assertThat(parsed.algorithm()).isEqualTo(algorithm);
    assertThat(parsed.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    assertThat(parsed.toBytes()).isEqualTo(encoded);

    Bytes signature = TestCredentials.sign(algorithm, pair.getPrivate(), MESSAGE);
    assertThat(parsed.verify(MESSAGE, signature)).isTrue();
    byte[] tampered = MESSAGE.toArray();
    tampered[0] ^= 1;
    assertThat(parsed.verify(Bytes.of(tampered), signature)).isFalse();
    assertThat(parsed.verify(MESSAGE, Bytes.fromHex("3000"))).isFalse();
  }

  @Test
  void ec2KeyHasTheSpecMembersInCanonicalOrder() throws Exception {
    KeyPair pair = TestCredentials.generate(CoseAlgorithm.ES256);
    CborMap map = CoseKey.of(pair.getPublic(), CoseAlgorithm.ES256).toCbor();
    assertThat(map.getLong(1)).isEqualTo(2); // kty EC2
    assertThat(map.getLong(3)).isEqualTo(-7); // alg ES256
    assertThat(map.getLong(-1)).isEqualTo(1); // crv P-256
    assertThat(map.getBytes(-2).length()).isEqualTo(32);
    assertThat(map.getBytes(-3).length()).isEqualTo(32);
    // a5 01 02 03 26 20 01 21 58 20 <x> 22 58 20 <y>
    assertThat(Bytes.of(Cbor.encode(map)).hex()).startsWith("a50102032620012158");
  }

  @Test
  void specVectorKeyParses() throws Exception {
    Bytes key =
        Bytes.fromHex(
            "a5010203262001215820afefa16f97ca9b2d23eb86ccb64098d20db90856062eb249c33a9b672f26df6122"
                + "5820930a56b87a2fca66334b03458abf879717c12cc68ed73290af2e2664796b9220");
    CoseKey parsed = CoseKey.decode(key);
    assertThat(parsed.algorithm()).isEqualTo(CoseAlgorithm.ES256);
    assertThat(parsed.u2fPublicKey().hex())
        .isEqualTo(
            "04afefa16f97ca9b2d23eb86ccb64098d20db90856062eb249c33a9b672f26df61"
                + "930a56b87a2fca66334b03458abf879717c12cc68ed73290af2e2664796b9220");
  }

  @Test
  void pointOffTheCurveIsRefused() throws Exception {
    CborMap good =
        CoseKey.of(TestCredentials.generate(CoseAlgorithm.ES256).getPublic(), CoseAlgorithm.ES256)
            .toCbor();
    byte[] y = good.getBytes(-3).toArray();
    y[31] ^= 1;
    CborMap bad = with(good, -3, Bytes.of(y));
    assertThatThrownBy(() -> CoseKey.fromCbor(bad))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage("COSE key is invalid: the P-256 point is not on the curve");
  }

  @Test
  void curveMustMatchAlgorithmAndCoordinatesTheirLength() throws Exception {
    CborMap good =
        CoseKey.of(TestCredentials.generate(CoseAlgorithm.ES256).getPublic(), CoseAlgorithm.ES256)
            .toCbor();
    assertThatThrownBy(() -> CoseKey.fromCbor(with(good, -1, 2L)))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageStartingWith("ES256 requires curve P-256 (crv 1) but the key says crv 2")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.NOT_SUPPORTED);
    assertThatThrownBy(() -> CoseKey.fromCbor(with(good, -2, Bytes.fromHex("00"))))
        .hasMessage("COSE key is invalid: P-256 coordinates must be 32 bytes each, not 1 and 32");
    assertThatThrownBy(() -> CoseKey.fromCbor(with(good, 1, 3L)))
        .hasMessage("COSE key is invalid: ES256 requires key type 2 but the key says 3");
    assertThatThrownBy(() -> CoseKey.fromCbor(with(good, 3, -53L)))
        .hasMessageStartingWith("COSE algorithm -53 is not supported");
    assertThatThrownBy(() -> CoseKey.fromCbor(without(good, -3)))
        .hasMessage("COSE key is malformed: required member -3 is missing");
    assertThatThrownBy(
            () ->
                CoseKey.of(
                    TestCredentials.generate(CoseAlgorithm.ES384).getPublic(), CoseAlgorithm.ES256))
        .hasMessage("COSE key is invalid: P-256 coordinates must be 32 bytes each, not 48 and 48");
    assertThatThrownBy(
            () ->
                CoseKey.of(
                    TestCredentials.generate(CoseAlgorithm.EDDSA).getPublic(), CoseAlgorithm.RS256))
        .hasMessage("COSE key is invalid: a EdDSA key cannot be used with RS256");
  }

  @Test
  void decodeRefusesTrailingBytes() throws Exception {
    Bytes encoded =
        CoseKey.of(TestCredentials.generate(CoseAlgorithm.EDDSA).getPublic(), CoseAlgorithm.EDDSA)
            .toBytes();
    assertThatThrownBy(() -> CoseKey.decode(Bytes.concat(encoded, Bytes.fromHex("00"))))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageStartingWith("COSE key is not valid CBOR: 1 trailing bytes");
  }

  private static CborMap with(CborMap map, long key, Object value) {
    CborMap.Builder builder = CborMap.builder();
    for (Map.Entry<Object, Object> entry : map.asMap().entrySet()) {
      builder.put(entry.getKey(), entry.getKey().equals(key) ? value : entry.getValue());
    }
    return builder.build();
  }

  private static CborMap without(CborMap map, long key) {
    CborMap.Builder builder = CborMap.builder();
    for (Map.Entry<Object, Object> entry : map.asMap().entrySet()) {
      if (!entry.getKey().equals(key)) {
        builder.put(entry.getKey(), entry.getValue());
      }
    }
    return builder.build();
  }
}
