package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_SUPPORTED;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * A credential public key in COSE_Key form (RFC 9052 §7, RFC 9053; WebAuthn L3 §5.8.5): EC2 on
 * P-256/P-384/P-521 (ES256/ES384/ES512), OKP Ed25519 (EdDSA), RSA (RS256, PS256). The curve must
 * match the algorithm, EC points must lie on the curve, and coordinates must have the curve's exact
 * length.
 */
public record CoseKey(CoseAlgorithm algorithm, PublicKey publicKey) {
  static final long KTY = 1;
  static final long ALG = 3;
  static final long CRV = -1;
  static final long X = -2;
  static final long Y = -3;
  static final long RSA_N = -1;
  static final long RSA_E = -2;
  static final long KTY_OKP = 1;
  static final long KTY_EC2 = 2;
  static final long KTY_RSA = 3;
  static final long CRV_P256 = 1;
  static final long CRV_P384 = 2;
  static final long CRV_P521 = 3;
  static final long CRV_ED25519 = 6;

  /** DER SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410 §4), before the 32 key bytes. */
  private static final Bytes ED25519_SPKI_PREFIX = Bytes.fromHex("302a300506032b6570032100");

  public CoseKey {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  /** Interprets a decoded COSE_Key map. */
  public static CoseKey fromCbor(CborMap map) throws WebAuthnClientException {
    try {
      long kty = map.getLong(KTY);
      long algId = map.getLong(ALG);
      CoseAlgorithm alg =
          CoseAlgorithm.fromId(algId)
              .orElseThrow(() -> unsupported("COSE algorithm " + algId + " is not supported"));
      switch (alg) {
        case ES256:
          return ec(map, kty, alg, CRV_P256, "P-256");
        case ES384:
          return ec(map, kty, alg, CRV_P384, "P-384");
        case ES512:
          return ec(map, kty, alg, CRV_P521, "P-521");
        case EDDSA:
          return ed25519(map, kty);
        default:
          return rsa(map, kty, alg);
      }
    } catch (CborException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.ENCODING_ERROR,
          "COSE key is malformed: " + e.getMessage(),
          e);
    }
  }

  /** Decodes and interprets COSE_Key bytes (one canonical CBOR map, nothing after it). */
  public static CoseKey decode(Bytes coseKey) throws WebAuthnClientException {
    try {
      return fromCbor(Cbor.decodeMap(coseKey.toArray()));
    } catch (CborException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.ENCODING_ERROR,
          "COSE key is not valid CBOR: " + e.getMessage(),
          e);
    }
  }

  /** Wraps a JCA public key, checking that it suits {@code algorithm}. */
  public static CoseKey of(PublicKey publicKey, CoseAlgorithm algorithm)
      throws WebAuthnClientException {
    CoseKey key = new CoseKey(algorithm, publicKey);
    CborMap map;
    try {
      map = key.toCbor();
    } catch (ClassCastException e) {
      throw invalid("a " + publicKey.getAlgorithm() + " key cannot be used with " + algorithm);
    }
    // Round trip through the map form: the same checks as for keys read from a device.
    return fromCbor(map);
  }

  /** The COSE_Key map, with the members the WebAuthn spec lists for each key type. */
  public CborMap toCbor() {
    CborMap.Builder builder = CborMap.builder();
    switch (algorithm) {
      case ES256:
      case ES384:
      case ES512:
        ECPublicKey ec = (ECPublicKey) publicKey;
        int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        long crv =
            algorithm == CoseAlgorithm.ES256
                ? CRV_P256
                : algorithm == CoseAlgorithm.ES384 ? CRV_P384 : CRV_P521;
        return builder
            .put(KTY, KTY_EC2)
            .put(ALG, algorithm.id())
            .put(CRV, crv)
            .put(X, unsigned(ec.getW().getAffineX(), size))
            .put(Y, unsigned(ec.getW().getAffineY(), size))
            .build();
      case EDDSA:
        byte[] spki = publicKey.getEncoded();
        return builder
            .put(KTY, KTY_OKP)
            .put(ALG, algorithm.id())
            .put(CRV, CRV_ED25519)
            .put(X, Bytes.of(spki, spki.length - 32, 32))
            .build();
      default:
        RSAPublicKey rsa = (RSAPublicKey) publicKey;
        return builder
            .put(KTY, KTY_RSA)
            .put(ALG, algorithm.id())
            .put(RSA_N, Bytes.of(minimal(rsa.getModulus())))
            .put(RSA_E, Bytes.of(minimal(rsa.getPublicExponent())))
            .build();
    }
  }

  /** The canonical CBOR encoding of {@link #toCbor()}. */
  public Bytes toBytes() {
    return Bytes.of(Cbor.encode(toCbor()));
  }

  /** Verifies a WebAuthn signature (DER for ECDSA) over {@code data}. */
  public boolean verify(Bytes data, Bytes signature) {
    return algorithm.verify(publicKey, data.toArray(), signature.toArray());
  }

  /**
   * The uncompressed ANSI X9.62 point 0x04 || x || y of a P-256 key, as FIDO U2F uses it (WebAuthn
   * L3 §8.6 step 4).
   */
  public Bytes u2fPublicKey() {
    if (algorithm != CoseAlgorithm.ES256) {
      throw new IllegalStateException("only P-256 keys have a U2F form, not " + algorithm);
    }
    CborMap map = toCbor();
    try {
      return Bytes.concat(Bytes.of(new byte[] {0x04}), map.getBytes(X), map.getBytes(Y));
    } catch (CborException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CoseKey ec(
      CborMap map, long kty, CoseAlgorithm alg, long expectedCrv, String curveName)
      throws CborException, WebAuthnClientException {
    requireKty(kty, KTY_EC2, alg);
    long crv = map.getLong(CRV);
    if (crv != expectedCrv) {
      throw unsupported(
          alg
              + " requires curve "
              + curveName
              + " (crv "
              + expectedCrv
              + ") but the key says crv "
              + crv);
    }
    X9ECParameters curve = ECNamedCurveTable.getByName(curveName);
    int size = (curve.getCurve().getFieldSize() + 7) / 8;
    byte[] x = map.getBytes(X).toArray();
    byte[] y = map.getBytes(Y).toArray();
    if (x.length != size || y.length != size) {
      throw invalid(
          curveName
              + " coordinates must be "
              + size
              + " bytes each, not "
              + x.length
              + " and "
              + y.length);
    }
    BigInteger affineX = new BigInteger(1, x);
    BigInteger affineY = new BigInteger(1, y);
    try {
      curve.getCurve().validatePoint(affineX, affineY);
    } catch (IllegalArgumentException e) {
      throw invalid("the " + curveName + " point is not on the curve");
    }
    return new CoseKey(
        alg,
        generate("EC", new ECPublicKeySpec(new ECPoint(affineX, affineY), jcaCurve(curveName))));
  }

  private static CoseKey ed25519(CborMap map, long kty)
      throws CborException, WebAuthnClientException {
    requireKty(kty, KTY_OKP, CoseAlgorithm.EDDSA);
    long crv = map.getLong(CRV);
    if (crv != CRV_ED25519) {
      throw unsupported("EdDSA keys are supported on Ed25519 (crv 6) only, not crv " + crv);
    }
    Bytes x = map.getBytes(X);
    if (x.length() != 32) {
      throw invalid("an Ed25519 public key is 32 bytes, not " + x.length());
    }
    byte[] spki = Bytes.concat(ED25519_SPKI_PREFIX, x).toArray();
    PublicKey key = generate("Ed25519", new X509EncodedKeySpec(spki));
    if (!(key instanceof EdECPublicKey)) {
      throw invalid("not an Ed25519 key");
    }
    return new CoseKey(CoseAlgorithm.EDDSA, key);
  }

  private static CoseKey rsa(CborMap map, long kty, CoseAlgorithm alg)
      throws CborException, WebAuthnClientException {
    requireKty(kty, KTY_RSA, alg);
    BigInteger n = new BigInteger(1, map.getBytes(RSA_N).toArray());
    BigInteger e = new BigInteger(1, map.getBytes(RSA_E).toArray());
    if (n.bitLength() < 1024 || !e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0) {
      throw invalid(
          "the RSA key is not usable (modulus of " + n.bitLength() + " bits, exponent " + e + ")");
    }
    return new CoseKey(alg, generate("RSA", new RSAPublicKeySpec(n, e)));
  }

  /** The JCA parameters of a NIST curve, so the key is an ordinary SunEC key. */
  private static ECParameterSpec jcaCurve(String curveName) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp" + curveName.substring(2) + "r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(curveName + " is not available on this Java platform", e);
    }
  }

  private static void requireKty(long kty, long expected, CoseAlgorithm alg)
      throws WebAuthnClientException {
    if (kty != expected) {
      throw invalid(alg + " requires key type " + expected + " but the key says " + kty);
    }
  }

  private static PublicKey generate(String algorithm, java.security.spec.KeySpec spec)
      throws WebAuthnClientException {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(spec);
    } catch (GeneralSecurityException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.ENCODING_ERROR,
          "COSE key is not a valid " + algorithm + " key: " + e.getMessage(),
          e);
    }
  }

  private static byte[] unsigned(BigInteger value, int size) {
    byte[] raw = value.toByteArray();
    if (raw.length == size) {
      return raw;
    }
    byte[] out = new byte[size];
    if (raw.length > size) {
      System.arraycopy(raw, raw.length - size, out, 0, size);
    } else {
      System.arraycopy(raw, 0, out, size - raw.length, raw.length);
    }
    return out;
  }

  private static byte[] minimal(BigInteger value) {
    byte[] raw = value.toByteArray();
    return raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
  }

  private static WebAuthnClientException unsupported(String problem) {
    return new WebAuthnClientException(
        NOT_SUPPORTED,
        problem
            + ". KeyDesk verifies ES256, ES384, ES512, EdDSA (Ed25519), RS256"
            + " and PS256 keys.");
  }

  private static WebAuthnClientException invalid(String problem) {
    return new WebAuthnClientException(
        WebAuthnClientException.Code.ENCODING_ERROR, "COSE key is invalid: " + problem);
  }
}
