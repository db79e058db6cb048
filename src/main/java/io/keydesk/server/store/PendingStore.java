package io.keydesk.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Short-lived ceremony state kept in memory (WebAuthn challenges, pending logins), each entry
 * single-use via {@link #take} or {@link #attempt} and gone after its time to live. Expired entries
 * are swept on access, at most once per {@link #SWEEP_INTERVAL} of the injected clock (amortised:
 * one pass over the map per interval however busy the server is).
 */
public final class PendingStore<T> {
  /** How often (by the injected clock) an access also drops every expired entry. */
  public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private record Entry<T>(T value, Instant expiresAt) {}

  private final Clock clock;
  private final Duration timeToLive;
  private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
  private final ExpirySweep sweep;

  public PendingStore(Clock clock, Duration timeToLive) {
    this.clock = clock;
    this.timeToLive = timeToLive;
    this.sweep = new ExpirySweep(SWEEP_INTERVAL, clock.instant());
  }

  /** Stores {@code value} under {@code key} (replacing any) and returns its expiry. */
  public Instant put(String key, T value) {
    Instant now = now();
    Instant expiresAt = now.plus(timeToLive);
    entries.put(key, new Entry<>(value, expiresAt));
    return expiresAt;
  }

  /** Removes and returns the value if present and unexpired. */
  public Optional<T> take(String key) {
    Instant now = now();
    return live(entries.remove(key), now).map(Entry::value);
  }

  /**
   * Takes the entry atomically and runs {@code attempt} on its value while no other caller can
   * see it: if the attempt returns, the entry is used up; if it throws (a wrong code that may be
   * retried), the entry goes back with its original expiry and the exception propagates.
   *
   * @return the attempt's result, or empty when there is no live entry (unknown, expired, used, or
   *     being attempted by another caller right now)
   */
  public <R> Optional<R> attempt(String key, Function<T, R> attempt) {
    Instant now = now();
    Optional<Entry<T>> taken = live(entries.remove(key), now);
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(attempt.apply(taken.get().value()));
    } catch (RuntimeException | Error e) {
      entries.putIfAbsent(key, taken.get());
      throw e;
    }
  }

  /** Returns the value if present and unexpired, leaving it in place. */
  public Optional<T> peek(String key) {
    Instant now = now();
    return live(entries.get(key), now).map(Entry::value);
  }

  public void remove(String key) {
    entries.remove(key);
  }

  /** Entries held, expired ones not yet swept included (for tests and metrics). */
  public int size() {
    return entries.size();
  }

  private Instant now() {
    Instant now = clock.instant();
    if (sweep.due(now)) {
      entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
    }
    return now;
  }

  private static <T> Optional<Entry<T>> live(Entry<T> entry, Instant now) {
    if (entry == null || !now.isBefore(entry.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }
}
