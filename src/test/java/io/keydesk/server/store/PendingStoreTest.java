package io.keydesk.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingStoreTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
  private final PendingStore<String> store = new PendingStore<>(clock, Duration.ofSeconds(300));

  @Test
  void anAttemptHoldsTheEntryExclusivelyAndConsumesItOnSuccess() {
    store.put("login", "alice");
    Optional<String> result =
        store.attempt(
            "login",
            value -> {
              // A second request arriving while the first is being checked finds nothing.
              assertThat(store.attempt("login", v -> "second")).isEmpty();
              assertThat(store.peek("login")).isEmpty();
              return value + " ok";
            });
    assertThat(result).contains("alice ok");
    assertThat(store.attempt("login", v -> "again")).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void aFailedAttemptPutsTheEntryBackWithItsOriginalExpiry() {
    Instant expiresAt = store.put("login", "alice");
    clock.advance(Duration.ofSeconds(100));
    assertThatThrownBy(
            () ->
                store.attempt(
                    "login",
                    v -> {
                      throw new IllegalStateException("wrong code");
                    }))
        .hasMessage("wrong code");
    assertThat(store.peek("login")).contains("alice");
    clock.advance(Duration.between(clock.instant(), expiresAt));
    assertThat(store.peek("login")).isEmpty();
    assertThat(store.attempt("login", v -> "late")).isEmpty();
  }

  @Test
  void expiredEntriesAreSweptOnceTheClockHasMoved() {
    for (int i = 0; i < 1000; i++) {
      store.put("k" + i, "v");
    }
    assertThat(store.size()).isEqualTo(1000);
    clock.advance(Duration.ofSeconds(299));
    store.peek("nothing");
    assertThat(store.size()).isEqualTo(1000);
    clock.advance(Duration.ofSeconds(301));
    store.peek("nothing"); // any access sweeps, at most once per sweep interval
    assertThat(store.size()).isZero();
  }
}
