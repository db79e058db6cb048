package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogRepositoryTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(CacheTestTime.T0);
  private CacheDatabase db;
  private EventLogRepository log;
  private long alice;

  @BeforeEach
  void open() {
    db = CacheDatabase.open(dir.resolve("keydesk.db"), clock);
    log = db.eventLog();
    alice = db.accounts().add("https://rp.example", "alice", Optional.empty()).id();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void appendStoresEveryFieldStampedNow() {
    Event event =
        Event.failed("key.rename", "The relying party refused the name: too long")
            .forAccount(alice)
            .forKey("Y3JlZA", "Blue key");
    LoggedEvent logged = log.append(event);

    assertThat(logged.at()).isEqualTo(CacheTestTime.T0);
    assertThat(logged.event()).isEqualTo(event);
    assertThat(log.newest(10)).containsExactly(logged);
    assertThat(logged.event().result()).isEqualTo(EventResult.FAILED);
  }

  @Test
  void anEventNeedNotConcernAnAccountOrKey() {
    LoggedEvent logged = log.append(Event.ok("device.reset"));
    assertThat(log.newest(1).get(0)).isEqualTo(logged);
    assertThat(logged.event().accountId()).isEmpty();
    assertThat(logged.event().keyId()).isEmpty();
    assertThat(logged.event().message()).isEmpty();
  }

  @Test
  void newestFirstWithALimitAndTiesInAppendOrder() {
    LoggedEvent first = log.append(Event.ok("one"));
    LoggedEvent sameInstant = log.append(Event.ok("two"));
    clock.advance(Duration.ofSeconds(1));
    LoggedEvent later = log.append(Event.ok("three"));
    // a clock set back (NTP) still sorts by time
    clock.set(CacheTestTime.T0.minusSeconds(60));
    LoggedEvent earliest = log.append(Event.ok("zero"));

    assertThat(log.newest(10)).containsExactly(later, sameInstant, first, earliest);
    assertThat(log.newest(2)).containsExactly(later, sameInstant);
    assertThat(log.newest(0)).isEmpty();
  }

  @Test
  void perAccountListing() {
    long bob = db.accounts().add("https://rp.example", "bob", Optional.empty()).id();
    LoggedEvent a1 = log.append(Event.ok("key.add").forAccount(alice));
    log.append(Event.ok("key.add").forAccount(bob));
    clock.advance(Duration.ofSeconds(1));
    LoggedEvent a2 = log.append(Event.ok("key.remove").forAccount(alice));
    log.append(Event.ok("device.reset"));

    assertThat(log.newestForAccount(alice, 10)).containsExactly(a2, a1);
    assertThat(log.newestForAccount(alice, 1)).containsExactly(a2);
  }

  @Test
  void anEventForAMissingAccountIsRefused() {
    assertThatThrownBy(() -> log.append(Event.ok("key.add").forAccount(777)))
        .isInstanceOf(StoreException.class)
        .hasMessage("Account 777 is not in the local cache any more. Refresh the account list.");
    assertThat(log.newest(10)).isEmpty();
  }

  @Test
  void eventsAreValidated() {
    assertThatThrownBy(() -> Event.ok(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.newest(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
