package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the CTAP2 authenticator keeps across restarts: the device secret (credential ID
 * wrapping key), the global signature counter, the creation sequence for ordering discoverable
 * credentials, the discoverable credentials with their private keys, the PIN hash and retries, and
 * the batch attestation key and certificates. {@link #toCbor()} gives a CBOR map (text keys) that a
 * state file stores; {@link #fromCbor} refuses a damaged one. Volatile state (tokens, key
 * agreement, consecutive PIN failures) is not here.
 *
 * <p>Signature counter: one global counter, incremented before every assertion (CTAP 2.1 section
 * 6.2.2 step 12 allows a global counter); makeCredential reports its current value unchanged.
 */
public final class Ctap2State {
  public static final int FORMAT_VERSION = 1;
  public static final int DEVICE_SECRET_LENGTH = 32;

  static final String VERSION = "version";
  static final String DEVICE_SECRET = "deviceSecret";
  static final String SIGN_COUNT = "signCount";
  static final String SEQUENCE = "sequence";
  static final String CREDENTIALS = "credentials";
  static final String PIN_HASH = "pinHash";
  static final String PIN_RETRIES = "pinRetries";

  private Bytes deviceSecret;
  private long signCount;
  private long sequence;
  private final CredentialStore store;
  private final PinState pin = new PinState();
  private final BatchAttestation batch;

  private Ctap2State(Bytes deviceSecret, CredentialStore store, BatchAttestation batch) {
    this.deviceSecret = requireSecret(deviceSecret);
    this.store = Objects.requireNonNull(store, "store");
    this.batch = Objects.requireNonNull(batch, "batch");
  }

  /** A fresh authenticator: new device secret, new attestation certificates, nothing stored. */
  public static Ctap2State generate(Bytes aaguid, int capacity, Instant now) {
    return generate(Bytes.of(Crypto.random(DEVICE_SECRET_LENGTH)), aaguid, capacity, now);
  }

  /** A fresh authenticator around an existing device secret (the identity's). */
  public static Ctap2State generate(Bytes deviceSecret, Bytes aaguid, int capacity, Instant now) {
    return new Ctap2State(
        deviceSecret, new CredentialStore(capacity), BatchAttestation.generate(aaguid, now));
  }

  private static Bytes requireSecret(Bytes secret) {
    if (secret == null || secret.length() != DEVICE_SECRET_LENGTH) {
      throw new IllegalArgumentException("the device secret must have 32 bytes");
    }
    return secret;
  }

  public Bytes deviceSecret() {
    return deviceSecret;
  }

  public long signCount() {
    return signCount;
  }

  /** Increments the global counter and returns the new value (wrapping at 2^32 - 1). */
  long nextSignCount() {
    signCount = (signCount + 1) & 0xFFFFFFFFL;
    return signCount;
  }

  long nextSequence() {
    return ++sequence;
  }

  public CredentialStore store() {
    return store;
  }

  public PinState pin() {
    return pin;
  }

  public BatchAttestation batch() {
    return batch;
  }

  /**
   * authenticatorReset (CTAP 2.1 section 6.6): erases the credentials, the PIN and the counters and
   * replaces the device secret, so earlier non-discoverable credential IDs stop opening. The
   * attestation certificates are the device's, not the user's, and stay.
   */
  void erase() {
    deviceSecret = Bytes.of(Crypto.random(DEVICE_SECRET_LENGTH));
    signCount = 0;
    sequence = 0;
    store.clear();
    pin.clear();
  }

  /** The persistent state as a CBOR map with text keys. */
  public CborMap toCbor() {
    CborMap.Builder builder =
        CborMap.builder()
            .put(VERSION, (long) FORMAT_VERSION)
            .put(DEVICE_SECRET, deviceSecret)
            .put(SIGN_COUNT, signCount)
            .put(SEQUENCE, sequence)
            .put(CREDENTIALS, store.toCbor())
            .putIfPresent(PIN_HASH, pin.pinHash())
            .put(PIN_RETRIES, (long) pin.retries());
    batch.putInto(builder);
    return builder.build();
  }

  /** {@link #toCbor()} encoded. */
  public byte[] encode() {
    return Cbor.encode(toCbor());
  }

  /**
   * Reads a state written by {@link #toCbor()}.
   *
   * @param capacity the discoverable-credential capacity to apply from now on
   * @throws CborException when a member is missing, malformed or from a newer format
   */
  public static Ctap2State fromCbor(CborMap map, int capacity) throws CborException {
    long version = map.getLong(VERSION);
    if (version != FORMAT_VERSION) {
      throw new CborException(
          "authenticator state format " + version + " is not " + FORMAT_VERSION);
    }
    try {
      List<Object> credentials = map.getList(CREDENTIALS);
      Ctap2State state =
          new Ctap2State(
              map.getBytes(DEVICE_SECRET),
              CredentialStore.fromCbor(capacity, credentials),
              BatchAttestation.fromCbor(map));
      state.signCount = map.getLong(SIGN_COUNT);
      state.sequence = map.getLong(SEQUENCE);
      if (state.signCount < 0 || state.signCount > 0xFFFFFFFFL || state.sequence < 0) {
        throw new CborException("the counters are out of range");
      }
      Bytes hash = map.optBytes(PIN_HASH).orElse(null);
      if (hash != null && hash.length() != 16) {
        throw new CborException("the PIN hash must have 16 bytes");
      }
      state.pin.restore(java.util.Optional.ofNullable(hash), (int) map.getLong(PIN_RETRIES));
      return state;
    } catch (IllegalArgumentException e) {
      throw new CborException("authenticator state: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "Ctap2State[credentials=" + store.size() + ", signCount=" + signCount + "]";
  }
}
