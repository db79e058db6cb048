package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.ENCODING_ERROR;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * WebAuthn L3 §6.1 authenticator data: rpIdHash (32) || flags (1) || signCount (4, big-endian) ||
 * attested credential data (when AT) || extension outputs (a CBOR map, when ED).
 *
 * <p>{@link #parse} is strict: every length is checked, the embedded CBOR must be canonical CTAP2
 * CBOR, the flags must agree with what follows, and no byte may be left over. Keep the original
 * bytes for signature checks; {@link #toBytes()} re-encodes, which gives the same bytes for any
 * input {@link #parse} accepted.
 */
public record AuthenticatorData(
    Bytes rpIdHash,
    int flags,
    long signCount,
    Optional<AttestedCredentialData> attestedCredentialData,
    Optional<CborMap> extensions) {
  /** User present. */
  public static final int FLAG_UP = 0x01;

  /** User verified. */
  public static final int FLAG_UV = 0x04;

  /** Backup eligible. */
  public static final int FLAG_BE = 0x08;

  /** Backup state (backed up). */
  public static final int FLAG_BS = 0x10;

  /** Attested credential data included. */
  public static final int FLAG_AT = 0x40;

  /** Extension data included. */
  public static final int FLAG_ED = 0x80;

  public static final int RP_ID_HASH_LENGTH = 32;

  /** rpIdHash, flags and signCount. */
  public static final int MIN_LENGTH = RP_ID_HASH_LENGTH + 1 + 4;

  public AuthenticatorData {
    Objects.requireNonNull(rpIdHash, "rpIdHash");
    attestedCredentialData = Members.optional(attestedCredentialData);
    extensions = Members.optional(extensions);
    if (rpIdHash.length() != RP_ID_HASH_LENGTH) {
      throw new IllegalArgumentException("rpIdHash is " + rpIdHash.length() + " bytes, not 32");
    }
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("flags must fit in one byte: " + flags);
    }
    if (signCount < 0 || signCount > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("signCount must fit in 32 bits: " + signCount);
    }
    if (((flags & FLAG_AT) != 0) != attestedCredentialData.isPresent()) {
      throw new IllegalArgumentException(
          "the AT flag must be set exactly when there is attested" + " credential data");
    }
    if (((flags & FLAG_ED) != 0) != extensions.isPresent()) {
      throw new IllegalArgumentException(
          "the ED flag must be set exactly when there are" + " extension outputs");
    }
  }

  public boolean userPresent() {
    return (flags & FLAG_UP) != 0;
  }

  public boolean userVerified() {
    return (flags & FLAG_UV) != 0;
  }

  public boolean backupEligible() {
    return (flags & FLAG_BE) != 0;
  }

  public boolean backedUp() {
    return (flags & FLAG_BS) != 0;
  }

  /** Parses authenticator data strictly; see the class comment. */
  public static AuthenticatorData parse(Bytes authData) throws WebAuthnClientException {
    byte[] data = authData.toArray();
    if (data.length < MIN_LENGTH) {
      throw malformed(
          "it is "
              + data.length
              + " bytes, but rpIdHash, flags and signCount alone take "
              + MIN_LENGTH);
    }
    Bytes rpIdHash = Bytes.of(data, 0, RP_ID_HASH_LENGTH);
    int flags = data[32] & 0xFF;
    long signCount =
        ((data[33] & 0xFFL) << 24)
            | ((data[34] & 0xFFL) << 16)
            | ((data[35] & 0xFFL) << 8)
            | (data[36] & 0xFFL);
    int position = MIN_LENGTH;
    Optional<AttestedCredentialData> attested = Optional.empty();
    if ((flags & FLAG_AT) != 0) {
      int fixed = AttestedCredentialData.AAGUID_LENGTH + 2;
      if (data.length - position < fixed) {
        throw malformed(
            "the AT flag is set but only "
                + (data.length - position)
                + " bytes follow signCount; AAGUID and credential ID length need "
                + fixed);
      }
      Bytes aaguid = Bytes.of(data, position, AttestedCredentialData.AAGUID_LENGTH);
      position += AttestedCredentialData.AAGUID_LENGTH;
      int idLength = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
      position += 2;
      if (idLength > AttestedCredentialData.MAX_CREDENTIAL_ID_LENGTH) {
        throw malformed("credentialIdLength is " + idLength + "; at most 1023 is allowed");
      }
      if (data.length - position < idLength) {
        throw malformed(
            "credentialIdLength is "
                + idLength
                + " but only "
                + (data.length - position)
                + " bytes follow");
      }
      Bytes credentialId = Bytes.of(data, position, idLength);
      position += idLength;
      Cbor.Prefix key = decodeMap(data, position, "credential public key");
      position = key.end();
      attested =
          Optional.of(new AttestedCredentialData(aaguid, credentialId, (CborMap) key.value()));
    }
    Optional<CborMap> extensions = Optional.empty();
    if ((flags & FLAG_ED) != 0) {
      Cbor.Prefix outputs = decodeMap(data, position, "extension output map");
      position = outputs.end();
      extensions = Optional.of((CborMap) outputs.value());
    }
    if (position != data.length) {
      throw malformed(
          (data.length - position)
              + " trailing bytes at offset "
              + position
              + " that no flag accounts for (AT="
              + ((flags & FLAG_AT) != 0)
              + ", ED="
              + ((flags & FLAG_ED) != 0)
              + ")");
    }
    return new AuthenticatorData(rpIdHash, flags, signCount, attested, extensions);
  }

  /** The encoded authenticator data (canonical CBOR for the key and extensions). */
  public Bytes toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(rpIdHash.toArray());
    out.write(flags);
    out.write((int) (signCount >>> 24));
    out.write((int) (signCount >>> 16));
    out.write((int) (signCount >>> 8));
    out.write((int) signCount);
    attestedCredentialData.ifPresent(attested -> out.writeBytes(attested.toBytes().toArray()));
    extensions.ifPresent(map -> out.writeBytes(Cbor.encode(map)));
    return Bytes.of(out.toByteArray());
  }

  private static Cbor.Prefix decodeMap(byte[] data, int position, String what)
      throws WebAuthnClientException {
    if (position >= data.length) {
      throw malformed("the " + what + " is missing: the data ends at offset " + position);
    }
    Cbor.Prefix prefix;
    try {
      prefix = Cbor.decodePrefix(data, position);
    } catch (CborException e) {
      throw new WebAuthnClientException(
          ENCODING_ERROR,
          "authenticator data is malformed: the "
              + what
              + " is not valid CTAP2 CBOR ("
              + e.getMessage()
              + ")",
          e);
    }
    if (!(prefix.value() instanceof CborMap)) {
      throw malformed("the " + what + " at offset " + position + " is not a CBOR map");
    }
    return prefix;
  }

  private static WebAuthnClientException malformed(String problem) {
    return new WebAuthnClientException(
        ENCODING_ERROR,
        "authenticator data is malformed: "
            + problem
            + ". The security key sent bytes WebAuthn does not allow; try again or use another"
            + " key.");
  }
}
