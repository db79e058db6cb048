package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of the CTAP2 authenticator that are not state: its AAGUID, which attestation it gives,
 * how many discoverable credentials fit, the firmware version getInfo reports, and the clock (reset
 * window, token timers, getNextAssertion expiry) so tests can drive time.
 *
 * <p>{@code ctap20Only} makes it look like a CTAP 2.0 key to a platform: getInfo lists only
 * "FIDO_2_0" and authenticatorSelection (added in CTAP 2.1) answers INVALID_COMMAND. Everything
 * else stays as it is; tests use it to drive a platform's CTAP 2.0 code paths.
 */
public record Ctap2Config(
    Bytes aaguid,
    AttestationMode attestationMode,
    int discoverableCapacity,
    long firmwareVersion,
    Clock clock,
    boolean ctap20Only) {
  public static final long DEFAULT_FIRMWARE_VERSION = 0x00010000L;

  public Ctap2Config {
    Objects.requireNonNull(aaguid, "aaguid");
    if (aaguid.length() != 16) {
      throw new IllegalArgumentException("an AAGUID has 16 bytes, not " + aaguid.length());
    }
    Objects.requireNonNull(attestationMode, "attestationMode");
    if (discoverableCapacity < 0) {
      throw new IllegalArgumentException("the capacity cannot be negative");
    }
    Objects.requireNonNull(clock, "clock");
  }

  /** Packed batch attestation, 25 discoverable credentials, the system clock. */
  public static Ctap2Config defaults(Bytes aaguid) {
    return new Ctap2Config(
        aaguid,
        AttestationMode.PACKED_BATCH,
        CredentialStore.DEFAULT_CAPACITY,
        DEFAULT_FIRMWARE_VERSION,
        Clock.systemUTC(),
        false);
  }

  public Ctap2Config withAttestationMode(AttestationMode value) {
    return new Ctap2Config(aaguid, value, discoverableCapacity, firmwareVersion, clock, ctap20Only);
  }

  public Ctap2Config withDiscoverableCapacity(int value) {
    return new Ctap2Config(aaguid, attestationMode, value, firmwareVersion, clock, ctap20Only);
  }

  public Ctap2Config withClock(Clock value) {
    return new Ctap2Config(
        aaguid, attestationMode, discoverableCapacity, firmwareVersion, value, ctap20Only);
  }

  /** Looks like a CTAP 2.0 key: versions ["FIDO_2_0"], no authenticatorSelection. */
  public Ctap2Config withCtap20Only() {
    return new Ctap2Config(
        aaguid, attestationMode, discoverableCapacity, firmwareVersion, clock, true);
  }
}
