package io.keydesk.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived ceremony state kept in memory (WebAuthn challenges, pending logins), each entry
 * single-use via {@link #take} and gone after its time to live.
 */
public final class PendingStore<T> {
  private record Entry<T>(T value, Instant expiresAt) {}

  private final Clock clock;
  private final Duration timeToLive;
  private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();

  public PendingStore(Clock clock, Duration timeToLive) {
    this.clock = clock;
    this.timeToLive = timeToLive;
  }

  /** Stores {@code value} under {@code key} (replacing any) and returns its expiry. */
  public Instant put(String key, T value) {
    Instant now = clock.instant();
    entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
    Instant expiresAt = now.plus(timeToLive);
    entries.put(key, new Entry<>(value, expiresAt));
    return expiresAt;
  }

  /** Removes and returns the value if present and unexpired. */
  public Optional<T> take(String key) {
    Entry<T> entry = entries.remove(key);
    return live(entry);
  }

  /** Returns the value if present and unexpired, leaving it in place. */
  public Optional<T> peek(String key) {
    return live(entries.get(key));
  }

  public void remove(String key) {
    entries.remove(key);
  }

  private Optional<T> live(Entry<T> entry) {
    if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }
}
