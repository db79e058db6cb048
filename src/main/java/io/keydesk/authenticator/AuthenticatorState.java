package io.keydesk.authenticator;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the software authenticator keeps across runs (persisted by {@link StateFile}). Today: its
 * AAGUID and a random device secret from which later code can derive keys. The CTAP2 handler adds
 * credentials, PIN state and counters here, together with their CBOR members in {@link StateFile}.
 *
 * @param aaguid 16 bytes, normally {@link #KEYDESK_AAGUID}
 * @param deviceSecret 32 random bytes that never leave the authenticator
 * @param ctap2 the CTAP2 logic's own state (credentials, PIN, counters, attestation; see {@code
 *     io.keydesk.authenticator.ctap.Ctap2State}), empty until the CTAP2 handler first saves
 */
public record AuthenticatorState(Bytes aaguid, Bytes deviceSecret, Optional<CborMap> ctap2) {
  /** The AAGUID of KeyDesk's software authenticator (a random UUID chosen once, never changed). */
  public static final UUID KEYDESK_AAGUID_UUID =
      UUID.fromString("83d56a1a-042a-45e2-ba46-4e6f5a3a1acd");

  public static final Bytes KEYDESK_AAGUID = Bytes.fromHex("83d56a1a042a45e2ba464e6f5a3a1acd");

  public static final int AAGUID_LENGTH = 16;
  public static final int DEVICE_SECRET_LENGTH = 32;

  public AuthenticatorState {
    if (aaguid == null || aaguid.length() != AAGUID_LENGTH) {
      throw new IllegalArgumentException("the AAGUID must have 16 bytes");
    }
    if (deviceSecret == null || deviceSecret.length() != DEVICE_SECRET_LENGTH) {
      throw new IllegalArgumentException("the device secret must have 32 bytes");
    }
    Objects.requireNonNull(ctap2, "ctap2");
  }

  /** An identity without CTAP2 state yet. */
  public AuthenticatorState(Bytes aaguid, Bytes deviceSecret) {
    this(aaguid, deviceSecret, Optional.empty());
  }

  /** This identity with the CTAP2 handler's state. */
  public AuthenticatorState withCtap2(Bytes newDeviceSecret, CborMap state) {
    return new AuthenticatorState(aaguid, newDeviceSecret, Optional.of(state));
  }

  /** A new identity: KeyDesk's AAGUID and a fresh random device secret. */
  public static AuthenticatorState generate() {
    byte[] secret = new byte[DEVICE_SECRET_LENGTH];
    new SecureRandom().nextBytes(secret);
    return new AuthenticatorState(KEYDESK_AAGUID, Bytes.of(secret));
  }

  /** The AAGUID in UUID form, as printed by the CLI and looked up in MDS. */
  public UUID aaguidUuid() {
    byte[] raw = aaguid.toArray();
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (raw[i] & 0xFF);
      low = (low << 8) | (raw[i + 8] & 0xFF);
    }
    return new UUID(high, low);
  }

  /** The device secret is not printed. */
  @Override
  public String toString() {
    return "AuthenticatorState[aaguid=" + aaguidUuid() + "]";
  }
}
