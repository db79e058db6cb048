package io.keydesk.ctap2;

import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Objects;

/**
 * PublicKeyCredentialParameters (CTAP 2.1 section 6.1 pubKeyCredParams and section 6.4 algorithms,
 * WebAuthn section 5.3): {@code {"alg": COSEAlgorithmIdentifier, "type": text}}.
 */
public record CredentialParameters(String type, long alg) {
  public static final String TYPE = "type";
  public static final String ALG = "alg";

  /** COSE algorithm identifiers (IANA COSE Algorithms registry) used by FIDO keys. */
  public static final long ES256 = -7;

  public static final long EDDSA = -8;
  public static final long ES384 = -35;
  public static final long RS256 = -257;

  public CredentialParameters {
    Objects.requireNonNull(type, "credential parameters type");
  }

  public static CredentialParameters publicKey(long alg) {
    return new CredentialParameters(PublicKeyCredentialDescriptor.PUBLIC_KEY, alg);
  }

  public CborMap toCbor() {
    return CborMap.builder().put(ALG, alg).put(TYPE, type).build();
  }

  public static CredentialParameters fromCbor(CborMap map) throws CborException {
    String type = map.getString(TYPE);
    long alg = map.getLong(ALG);
    return new CredentialParameters(type, alg);
  }
}
