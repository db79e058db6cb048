package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * A P-256 key-agreement key pair as used by both PIN/UV auth protocols (CTAP 2.1 section 6.5.6,
 * "ecdh"): the platform makes a fresh one per {@link PinProtocol#encapsulate}, the authenticator
 * keeps one until power-up or regenerate. Its public half travels as a COSE_Key with kty 2 (EC2),
 * alg -25 (ECDH-ES+HKDF-256, as the specification prescribes even though the real KDF differs), crv
 * 1 (P-256), x and y.
 */
public final class KeyAgreementKey {
  /** COSE_Key labels and values (RFC 9052 / 9053) for the key-agreement key. */
  public static final long COSE_KTY = 1;

  public static final long COSE_ALG = 3;
  public static final long COSE_CRV = -1;
  public static final long COSE_X = -2;
  public static final long COSE_Y = -3;
  public static final long KTY_EC2 = 2;
  public static final long ALG_ECDH_ES_HKDF_256 = -25;
  public static final long CRV_P256 = 1;

  private static final int COORDINATE_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  private static final ECParameterSpec P256 = jcaParameters();

  private final ECPrivateKey privateKey;
  private final ECPublicKey publicKey;

  private KeyAgreementKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A fresh random key pair. */
  public static KeyAgreementKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = generator.generateKeyPair();
      return new KeyAgreementKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is not available in this Java runtime", e);
    }
  }

  /** The key pair of a fixed private scalar: for known-answer tests and persisted state. */
  public static KeyAgreementKey fromPrivateScalar(BigInteger scalar) {
    if (scalar.signum() <= 0 || scalar.compareTo(CURVE.getN()) >= 0) {
      throw new IllegalArgumentException("the private scalar must be in [1, n-1] of P-256");
    }
    org.bouncycastle.math.ec.ECPoint point = CURVE.getG().multiply(scalar).normalize();
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      ECPrivateKey privateKey =
          (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(scalar, P256));
      ECPublicKey publicKey =
          (ECPublicKey)
              factory.generatePublic(
                  new ECPublicKeySpec(
                      new ECPoint(
                          point.getAffineXCoord().toBigInteger(),
                          point.getAffineYCoord().toBigInteger()),
                      P256));
      return new KeyAgreementKey(privateKey, publicKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is not available in this Java runtime", e);
    }
  }

  /** The public key as the COSE_Key that goes on the wire (getPublicKey in section 6.5.6). */
  public CborMap publicCoseKey() {
    ECPoint w = publicKey.getW();
    return CborMap.builder()
        .put(COSE_KTY, KTY_EC2)
        .put(COSE_ALG, ALG_ECDH_ES_HKDF_256)
        .put(COSE_CRV, CRV_P256)
        .put(COSE_X, Bytes.of(fixedLength(w.getAffineX())))
        .put(COSE_Y, Bytes.of(fixedLength(w.getAffineY())))
        .build();
  }

  /**
   * ECDH with the peer's COSE_Key: returns Z, the 32-byte x-coordinate of the shared point, which
   * the protocol then runs through its kdf. The caller zeroes it.
   *
   * @throws CtapException INVALID_PARAMETER when the COSE_Key is malformed or its point is not on
   *     P-256 (which would leak bits of our private key to an attacker)
   */
  public byte[] agree(CborMap peerCoseKey) throws CtapException {
    ECPublicKey peer = parsePublicKey(peerCoseKey);
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(privateKey);
      agreement.doPhase(peer, true);
      return agreement.generateSecret();
    } catch (GeneralSecurityException e) {
      throw invalid("the key-agreement point was refused (" + e.getMessage() + ")");
    }
  }

  /** Parses and validates a peer's COSE_Key (kty 2, crv 1, 32-byte x and y on the curve). */
  static ECPublicKey parsePublicKey(CborMap coseKey) throws CtapException {
    Bytes x;
    Bytes y;
    try {
      if (coseKey.getLong(COSE_KTY) != KTY_EC2 || coseKey.getLong(COSE_CRV) != CRV_P256) {
        throw invalid("the key-agreement key is not an EC2 P-256 key");
      }
      x = coseKey.getBytes(COSE_X);
      y = coseKey.getBytes(COSE_Y);
    } catch (CborException e) {
      throw invalid("the key-agreement key is malformed (" + e.getMessage() + ")");
    }
    if (x.length() != COORDINATE_LENGTH || y.length() != COORDINATE_LENGTH) {
      throw invalid("the key-agreement coordinates are not 32 bytes each");
    }
    BigInteger xValue = new BigInteger(1, x.toArray());
    BigInteger yValue = new BigInteger(1, y.toArray());
    try {
      // validatePoint rejects coordinates outside the field and points off the curve; P-256 has
      // cofactor 1, so every point on the curve lies in the prime-order group.
      CURVE.getCurve().validatePoint(xValue, yValue);
    } catch (IllegalArgumentException e) {
      throw invalid("the key-agreement point is not on the P-256 curve");
    }
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC")
              .generatePublic(new ECPublicKeySpec(new ECPoint(xValue, yValue), P256));
    } catch (GeneralSecurityException e) {
      throw invalid("the key-agreement point was refused (" + e.getMessage() + ")");
    }
  }

  private static CtapException invalid(String what) {
    return new CtapException(
        CtapStatus.INVALID_PARAMETER,
        "PIN key agreement failed: " + what + ". Re-insert the key and try again.");
  }

  private static byte[] fixedLength(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[COORDINATE_LENGTH];
    int copy = Math.min(raw.length, COORDINATE_LENGTH);
    System.arraycopy(raw, raw.length - copy, out, COORDINATE_LENGTH - copy, copy);
    return out;
  }

  private static ECParameterSpec jcaParameters() {
    try {
      java.security.AlgorithmParameters parameters =
          java.security.AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is not available in this Java runtime", e);
    }
  }
}
