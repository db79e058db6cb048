package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;

/**
 * WebAuthn L3 §6.5.1 attested credential data: AAGUID (16 bytes), credential ID (at most 1023
 * bytes) and the credential public key as a COSE_Key map. The key stays a {@link CborMap} so that
 * keys of types KeyDesk cannot use still pass through; {@link #coseKey()} interprets it.
 */
public record AttestedCredentialData(
    Bytes aaguid, Bytes credentialId, CborMap credentialPublicKey) {
  public static final int AAGUID_LENGTH = 16;
  public static final int MAX_CREDENTIAL_ID_LENGTH = 1023;

  public AttestedCredentialData {
    Objects.requireNonNull(aaguid, "aaguid");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(credentialPublicKey, "credentialPublicKey");
    if (aaguid.length() != AAGUID_LENGTH) {
      throw new IllegalArgumentException("AAGUID is " + aaguid.length() + " bytes, not 16");
    }
    if (credentialId.length() > MAX_CREDENTIAL_ID_LENGTH) {
      throw new IllegalArgumentException(
          "credential ID is " + credentialId.length() + " bytes; at most 1023 are allowed");
    }
  }

  /** The AAGUID as a UUID (big-endian, as the FIDO metadata service writes it). */
  public UUID aaguidUuid() {
    ByteBuffer buffer = ByteBuffer.wrap(aaguid.toArray());
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  /** The credential public key interpreted as one of the COSE keys KeyDesk understands. */
  public CoseKey coseKey() throws WebAuthnClientException {
    return CoseKey.fromCbor(credentialPublicKey);
  }

  /** The credential public key in its canonical CBOR encoding (as it appears in authData). */
  public Bytes credentialPublicKeyBytes() {
    return Bytes.of(Cbor.encode(credentialPublicKey));
  }

  /** aaguid || credentialIdLength (2 bytes, big-endian) || credentialId || COSE key. */
  Bytes toBytes() {
    int length = credentialId.length();
    return Bytes.concat(
        aaguid,
        Bytes.of(new byte[] {(byte) (length >>> 8), (byte) length}),
        credentialId,
        credentialPublicKeyBytes());
  }
}
