package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Objects;
import java.util.Optional;

/**
 * authenticatorMakeCredential response (CTAP 2.1 section 6.1; unsignedExtensionOutputs from CTAP
 * 2.2). authData stays raw bytes here: the WebAuthn layer parses it and the attestation statement.
 * Unknown members are ignored, as section 6 asks of platforms.
 */
public record MakeCredentialResponse(
    String fmt,
    Bytes authData,
    CborMap attStmt,
    Optional<Boolean> epAtt,
    Optional<Bytes> largeBlobKey,
    Optional<CborMap> unsignedExtensionOutputs) {
  public static final int FMT = 0x01;
  public static final int AUTH_DATA = 0x02;
  public static final int ATT_STMT = 0x03;
  public static final int EP_ATT = 0x04;
  public static final int LARGE_BLOB_KEY = 0x05;
  public static final int UNSIGNED_EXTENSION_OUTPUTS = 0x06;

  /** The largeBlobKey extension output is a 32-byte key (CTAP 2.1 section 12.3). */
  public static final int LARGE_BLOB_KEY_LENGTH = 32;

  /** authData is at least rpIdHash (32), flags (1) and signCount (4) (WebAuthn section 6.1). */
  public static final int MIN_AUTH_DATA_LENGTH = 37;

  public MakeCredentialResponse {
    Objects.requireNonNull(fmt, "fmt");
    requireAuthData(authData);
    Objects.requireNonNull(attStmt, "attStmt");
    Objects.requireNonNull(epAtt, "epAtt");
    requireLargeBlobKey(largeBlobKey);
    Objects.requireNonNull(unsignedExtensionOutputs, "unsignedExtensionOutputs");
  }

  static void requireAuthData(Bytes authData) {
    Objects.requireNonNull(authData, "authData");
    if (authData.length() < MIN_AUTH_DATA_LENGTH) {
      throw new IllegalArgumentException(
          "authData must be at least "
              + MIN_AUTH_DATA_LENGTH
              + " bytes but is "
              + authData.length());
    }
  }

  static void requireLargeBlobKey(Optional<Bytes> largeBlobKey) {
    Objects.requireNonNull(largeBlobKey, "largeBlobKey");
    if (largeBlobKey.isPresent() && largeBlobKey.get().length() != LARGE_BLOB_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "largeBlobKey must be "
              + LARGE_BLOB_KEY_LENGTH
              + " bytes but is "
              + largeBlobKey.get().length());
    }
  }

  /** A response with only the three required members. */
  public static MakeCredentialResponse of(String fmt, Bytes authData, CborMap attStmt) {
    return new MakeCredentialResponse(
        fmt, authData, attStmt, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public CborMap toCbor() {
    return CborMap.builder()
        .put(FMT, fmt)
        .put(AUTH_DATA, authData)
        .put(ATT_STMT, attStmt)
        .putIfPresent(EP_ATT, epAtt)
        .putIfPresent(LARGE_BLOB_KEY, largeBlobKey)
        .putIfPresent(UNSIGNED_EXTENSION_OUTPUTS, unsignedExtensionOutputs)
        .build();
  }

  public static MakeCredentialResponse fromCbor(CborMap map) throws CborException {
    String fmt = map.getString(FMT);
    Bytes authData = map.getBytes(AUTH_DATA);
    CborMap attStmt = map.getMap(ATT_STMT);
    Optional<Boolean> epAtt = map.optBoolean(EP_ATT);
    Optional<Bytes> largeBlobKey = map.optBytes(LARGE_BLOB_KEY);
    Optional<CborMap> unsigned = CtapCbor.optTextKeyedMap(map, UNSIGNED_EXTENSION_OUTPUTS);
    return CtapCbor.build(
        "makeCredential response",
        () -> new MakeCredentialResponse(fmt, authData, attStmt, epAtt, largeBlobKey, unsigned));
  }
}
