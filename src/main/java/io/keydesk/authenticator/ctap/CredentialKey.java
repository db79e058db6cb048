package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A credential's private key in its 32-byte raw form (the P-256 scalar for ES256, the Ed25519 seed
 * for EdDSA), so it fits inside a wrapped credential ID and a state file. It derives the COSE
 * public key (RFC 9053; WebAuthn section 6.5.1.1) and signs: DER ECDSA-SHA-256 for ES256, pure
 * Ed25519 for EdDSA, as WebAuthn section 6.5.4 (packed) and 6.3.3 (assertion signatures) expect.
 */
public record CredentialKey(long algorithm, Bytes privateKey) {
  public static final int PRIVATE_KEY_LENGTH = 32;

  /** COSE_Key labels and values (RFC 9052 section 7, RFC 9053 section 7). */
  static final long COSE_KTY = 1;

  static final long COSE_ALG = 3;
  static final long COSE_CRV = -1;
  static final long COSE_X = -2;
  static final long COSE_Y = -3;
  static final long KTY_OKP = 1;
  static final long KTY_EC2 = 2;
  static final long CRV_P256 = 1;
  static final long CRV_ED25519 = 6;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  private static final ECParameterSpec P256 = p256();

  public CredentialKey {
    if (!isSupported(algorithm)) {
      throw new IllegalArgumentException("unsupported COSE algorithm " + algorithm);
    }
    Objects.requireNonNull(privateKey, "privateKey");
    if (privateKey.length() != PRIVATE_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "a private key has " + PRIVATE_KEY_LENGTH + " bytes, not " + privateKey.length());
    }
    if (algorithm == CredentialParameters.ES256) {
      BigInteger scalar = new BigInteger(1, privateKey.toArray());
      if (scalar.signum() == 0 || scalar.compareTo(CURVE.getN()) >= 0) {
        throw new IllegalArgumentException("the P-256 scalar is out of range");
      }
    }
  }

  /** The COSE algorithms this authenticator creates credentials for, in order of preference. */
  public static boolean isSupported(long algorithm) {
    return algorithm == CredentialParameters.ES256 || algorithm == CredentialParameters.EDDSA;
  }

  /** A fresh random key. */
  public static CredentialKey generate(long algorithm) {
    byte[] raw = new byte[PRIVATE_KEY_LENGTH];
    if (algorithm == CredentialParameters.ES256) {
      BigInteger scalar;
      do {
        RANDOM.nextBytes(raw);
        scalar = new BigInteger(1, raw);
      } while (scalar.signum() == 0 || scalar.compareTo(CURVE.getN()) >= 0);
    } else {
      RANDOM.nextBytes(raw);
    }
    try {
      return new CredentialKey(algorithm, Bytes.of(raw));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The credential public key as a COSE_Key: EC2 P-256 for -7, OKP Ed25519 for -8. */
  public CborMap publicCoseKey() {
    if (algorithm == CredentialParameters.ES256) {
      org.bouncycastle.math.ec.ECPoint point = publicPoint();
      return CborMap.builder()
          .put(COSE_KTY, KTY_EC2)
          .put(COSE_ALG, algorithm)
          .put(COSE_CRV, CRV_P256)
          .put(COSE_X, Bytes.of(point.getAffineXCoord().getEncoded()))
          .put(COSE_Y, Bytes.of(point.getAffineYCoord().getEncoded()))
          .build();
    }
    byte[] publicKey = ed25519().generatePublicKey().getEncoded();
    return CborMap.builder()
        .put(COSE_KTY, KTY_OKP)
        .put(COSE_ALG, algorithm)
        .put(COSE_CRV, CRV_ED25519)
        .put(COSE_X, Bytes.of(publicKey))
        .build();
  }

  /** Signs {@code message} (authData || clientDataHash). */
  public Bytes sign(byte[] message) {
    if (algorithm == CredentialParameters.EDDSA) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, ed25519());
      signer.update(message, 0, message.length);
      return Bytes.of(signer.generateSignature());
    }
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(jcaPrivateKey(), RANDOM);
      signature.update(message);
      return Bytes.of(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA P-256 signing failed: " + e.getMessage(), e);
    }
  }

  /** The JCA private key of an ES256 key (for certificates). */
  PrivateKey jcaPrivateKey() throws GeneralSecurityException {
    requireEs256();
    return KeyFactory.getInstance("EC")
        .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, privateKey.toArray()), P256));
  }

  /** The JCA public key of an ES256 key (for certificates). */
  PublicKey jcaPublicKey() throws GeneralSecurityException {
    requireEs256();
    org.bouncycastle.math.ec.ECPoint point = publicPoint();
    return KeyFactory.getInstance("EC")
        .generatePublic(
            new ECPublicKeySpec(
                new ECPoint(
                    point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger()),
                P256));
  }

  private void requireEs256() {
    if (algorithm != CredentialParameters.ES256) {
      throw new IllegalStateException("only ES256 keys have a JCA form here");
    }
  }

  private org.bouncycastle.math.ec.ECPoint publicPoint() {
    return CURVE.getG().multiply(new BigInteger(1, privateKey.toArray())).normalize();
  }

  private Ed25519PrivateKeyParameters ed25519() {
    return new Ed25519PrivateKeyParameters(privateKey.toArray(), 0);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is not available in this Java runtime", e);
    }
  }

  /** The private key is not printed. */
  @Override
  public String toString() {
    return "CredentialKey[alg=" + algorithm + "]";
  }
}
