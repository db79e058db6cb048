package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** Verifies signatures with plain JCA from a COSE_Key, independently of the authenticator code. */
final class CoseVerifier {
  private static final Bytes ED25519_SPKI_PREFIX = Bytes.fromHex("302a300506032b6570032100");

  private CoseVerifier() {}

  static PublicKey publicKey(CborMap cose) throws Exception {
    long kty = cose.getLong(1);
    if (kty == 2) {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
      ECPoint point =
          new ECPoint(
              new BigInteger(1, cose.getBytes(-2).toArray()),
              new BigInteger(1, cose.getBytes(-3).toArray()));
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }
    if (kty == 1 && cose.getLong(-1) == 6) {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(
              new X509EncodedKeySpec(
                  Bytes.concat(ED25519_SPKI_PREFIX, cose.getBytes(-2)).toArray()));
    }
    throw new IllegalArgumentException("unexpected COSE key " + cose);
  }

  static boolean verify(PublicKey key, Bytes message, Bytes signature) throws Exception {
    Signature verifier =
        Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
    verifier.initVerify(key);
    verifier.update(message.toArray());
    return verifier.verify(signature.toArray());
  }

  static boolean verify(CborMap cose, Bytes message, Bytes signature) throws Exception {
    return verify(publicKey(cose), message, signature);
  }
}
