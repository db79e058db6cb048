package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.ENCODING_ERROR;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Objects;

/**
 * WebAuthn L3 §6.5.4 attestation object: a CBOR map {"fmt": text, "attStmt": map, "authData":
 * bytes}. {@code authDataBytes} keeps the exact bytes that attestation signatures cover.
 */
public record AttestationObject(String fmt, CborMap attStmt, Bytes authDataBytes) {
  static final String FMT = "fmt";
  static final String ATT_STMT = "attStmt";
  static final String AUTH_DATA = "authData";

  public AttestationObject {
    Objects.requireNonNull(fmt, "fmt");
    Objects.requireNonNull(attStmt, "attStmt");
    Objects.requireNonNull(authDataBytes, "authDataBytes");
  }

  /** Parses an attestation object strictly (canonical CBOR, all three members present). */
  public static AttestationObject parse(Bytes attestationObject) throws WebAuthnClientException {
    try {
      CborMap map = Cbor.decodeMap(attestationObject.toArray());
      AttestationObject parsed =
          new AttestationObject(map.getString(FMT), map.getMap(ATT_STMT), map.getBytes(AUTH_DATA));
      parsed.authData();
      return parsed;
    } catch (CborException e) {
      throw new WebAuthnClientException(
          ENCODING_ERROR, "attestation object is malformed: " + e.getMessage(), e);
    }
  }

  /** The parsed authenticator data. */
  public AuthenticatorData authData() throws WebAuthnClientException {
    return AuthenticatorData.parse(authDataBytes);
  }

  /** The canonical CBOR encoding, as sent to the relying party. */
  public Bytes toBytes() {
    return Bytes.of(
        Cbor.encode(
            CborMap.builder()
                .put(FMT, fmt)
                .put(ATT_STMT, attStmt)
                .put(AUTH_DATA, authDataBytes)
                .build()));
  }
}
