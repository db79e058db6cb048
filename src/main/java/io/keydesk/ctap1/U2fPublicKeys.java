package io.keydesk.ctap1;

import io.keydesk.cbor.Bytes;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/** U2F user public keys: uncompressed P-256 points, 0x04 || x (32) || y (32). */
public final class U2fPublicKeys {
  private U2fPublicKeys() {}

  /**
   * The JCA key for a raw point.
   *
   * @throws IllegalArgumentException when it is not a 65-byte uncompressed point on P-256
   */
  public static ECPublicKey fromRawPoint(Bytes point) {
    if (point.length() != RegisterResponse.PUBLIC_KEY_LENGTH || point.get(0) != 0x04) {
      throw new IllegalArgumentException("a U2F public key is a 65-byte uncompressed P-256 point");
    }
    BigInteger x = new BigInteger(1, point.slice(1, 33).toArray());
    BigInteger y = new BigInteger(1, point.slice(33, 65).toArray());
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid P-256 point: " + e.getMessage(), e);
    }
  }

  /** The raw point of a P-256 key. */
  public static Bytes toRawPoint(ECPublicKey key) {
    return Bytes.concat(
        Bytes.of(new byte[] {0x04}),
        Bytes.of(fixed(key.getW().getAffineX())),
        Bytes.of(fixed(key.getW().getAffineY())));
  }

  private static byte[] fixed(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
