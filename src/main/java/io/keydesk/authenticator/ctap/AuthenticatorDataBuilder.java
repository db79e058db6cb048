package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds authenticator data (WebAuthn section 6.1): {@code rpIdHash(32) || flags(1) || signCount(4,
 * big-endian) || [attestedCredentialData] || [extensions]}, where attested credential data (section
 * 6.5.1) is {@code aaguid(16) || credentialIdLength(2) || credentialId ||
 * credentialPublicKey(COSE)}. The AT and ED flags follow from what is added.
 */
public final class AuthenticatorDataBuilder {
  public static final int FLAG_UP = 0x01;
  public static final int FLAG_UV = 0x04;
  public static final int FLAG_AT = 0x40;
  public static final int FLAG_ED = 0x80;

  private final Bytes rpIdHash;
  private boolean userPresent;
  private boolean userVerified;
  private long signCount;
  private Optional<Bytes> attestedCredentialData = Optional.empty();
  private Optional<CborMap> extensions = Optional.empty();

  public AuthenticatorDataBuilder(Bytes rpIdHash) {
    if (rpIdHash.length() != 32) {
      throw new IllegalArgumentException("rpIdHash has 32 bytes, not " + rpIdHash.length());
    }
    this.rpIdHash = rpIdHash;
  }

  public AuthenticatorDataBuilder userPresent(boolean value) {
    userPresent = value;
    return this;
  }

  public AuthenticatorDataBuilder userVerified(boolean value) {
    userVerified = value;
    return this;
  }

  public AuthenticatorDataBuilder signCount(long value) {
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("signCount is a 32-bit unsigned value: " + value);
    }
    signCount = value;
    return this;
  }

  public AuthenticatorDataBuilder attestedCredential(
      Bytes aaguid, Bytes credentialId, CborMap publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    if (aaguid.length() != 16 || credentialId.length() > 0xFFFF) {
      throw new IllegalArgumentException("bad AAGUID or credential ID length");
    }
    Bytes length =
        Bytes.of(new byte[] {(byte) (credentialId.length() >> 8), (byte) credentialId.length()});
    attestedCredentialData =
        Optional.of(Bytes.concat(aaguid, length, credentialId, Bytes.of(Cbor.encode(publicKey))));
    return this;
  }

  /** Extension outputs; an empty map adds nothing (the ED flag stays clear). */
  public AuthenticatorDataBuilder extensions(CborMap outputs) {
    extensions = outputs.isEmpty() ? Optional.empty() : Optional.of(outputs);
    return this;
  }

  public Bytes build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(rpIdHash.toArray());
    int flags =
        (userPresent ? FLAG_UP : 0)
            | (userVerified ? FLAG_UV : 0)
            | (attestedCredentialData.isPresent() ? FLAG_AT : 0)
            | (extensions.isPresent() ? FLAG_ED : 0);
    out.write(flags);
    out.write((int) (signCount >>> 24));
    out.write((int) (signCount >>> 16));
    out.write((int) (signCount >>> 8));
    out.write((int) signCount);
    attestedCredentialData.ifPresent(data -> out.writeBytes(data.toArray()));
    extensions.ifPresent(map -> out.writeBytes(Cbor.encode(map)));
    return Bytes.of(out.toByteArray());
  }
}
