package io.keydesk.webauthn;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The COSE signature algorithms KeyDesk verifies (IANA COSE Algorithms; WebAuthn L3 §5.8.5,
 * §6.5.6). ECDSA signatures are ASN.1 DER in WebAuthn (§6.5.6), which is what JCA expects.
 */
public enum CoseAlgorithm {
  ES256(-7, "SHA256withECDSA"),
  ES384(-35, "SHA384withECDSA"),
  ES512(-36, "SHA512withECDSA"),
  EDDSA(-8, "Ed25519"),
  RS256(-257, "SHA256withRSA"),
  PS256(-37, "RSASSA-PSS");

  private final long id;
  private final String jcaName;

  CoseAlgorithm(long id, String jcaName) {
    this.id = id;
    this.jcaName = jcaName;
  }

  /** The COSE algorithm identifier, e.g. -7. */
  public long id() {
    return id;
  }

  public static Optional<CoseAlgorithm> fromId(long id) {
    return Arrays.stream(values()).filter(alg -> alg.id == id).findFirst();
  }

  /**
   * Verifies {@code signature} over {@code data} with {@code key}. A malformed signature or a key
   * of the wrong kind is a failed verification, not an exception.
   */
  public boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(jcaName);
      if (this == PS256) {
        verifier.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      }
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jcaName + " is not available on this Java platform", e);
    }
  }
}
