package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import java.util.Optional;

/**
 * The authenticator's PIN (CTAP 2.1 section 6.5.2 "Authenticator Configuration Operations"): the
 * stored LEFT(SHA-256(pin), 16), the persistent pinRetries counter (8 at most) and the volatile
 * count of consecutive wrong PINs since power-up (3 block further attempts until a power cycle).
 * The PIN itself is never kept.
 */
public final class PinState {
  public static final int MAX_RETRIES = 8;
  public static final int MAX_CONSECUTIVE_FAILURES = 3;

  private Optional<Bytes> pinHash = Optional.empty();
  private int retries = MAX_RETRIES;
  private int consecutiveFailures;

  public boolean isSet() {
    return pinHash.isPresent();
  }

  public Optional<Bytes> pinHash() {
    return pinHash;
  }

  public int retries() {
    return retries;
  }

  public boolean isBlocked() {
    return retries == 0;
  }

  /** Whether three wrong PINs in a row block attempts until the next power cycle. */
  public boolean isAuthBlocked() {
    return consecutiveFailures >= MAX_CONSECUTIVE_FAILURES;
  }

  /** Stores a new PIN hash and restores the retries (setPIN and changePIN). */
  public void set(Bytes hash) {
    pinHash = Optional.of(hash);
    retries = MAX_RETRIES;
    consecutiveFailures = 0;
  }

  /** Counts one try before the hash is compared (section 6.5.5.5 step "decrement pinRetries"). */
  public void consumeRetry() {
    retries = Math.max(0, retries - 1);
  }

  /** A correct PIN: retries back to the maximum, consecutive failures to zero. */
  public void succeeded() {
    retries = MAX_RETRIES;
    consecutiveFailures = 0;
  }

  /** A wrong PIN; the retry was already consumed. */
  public void failed() {
    consecutiveFailures++;
  }

  /** A power cycle clears the consecutive-failure block, not the retries. */
  public void powerCycled() {
    consecutiveFailures = 0;
  }

  public void clear() {
    pinHash = Optional.empty();
    retries = MAX_RETRIES;
    consecutiveFailures = 0;
  }

  /** Restores the persisted part. */
  void restore(Optional<Bytes> hash, int storedRetries) {
    if (storedRetries < 0 || storedRetries > MAX_RETRIES) {
      throw new IllegalArgumentException("pinRetries must be 0 to 8, not " + storedRetries);
    }
    pinHash = hash;
    retries = storedRetries;
    consecutiveFailures = 0;
  }
}
