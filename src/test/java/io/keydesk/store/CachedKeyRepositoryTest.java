package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedKeyRepositoryTest {
  private static final UUID AAGUID = UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(CacheTestTime.T0);
  private CacheDatabase db;
  private CachedKeyRepository keys;
  private long alice;

  @BeforeEach
  void open() {
    db = CacheDatabase.open(dir.resolve("keydesk.db"), clock);
    keys = db.cachedKeys();
    alice = db.accounts().add("https://rp.example", "alice", Optional.empty()).id();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static CachedKey fullKey() {
    return new CachedKey(
        "Y3JlZC0x",
        "Blue key",
        Optional.of(Instant.parse("2024-05-01T08:00:00.456Z")),
        Optional.of(Instant.parse("2025-02-28T22:10:05.001Z")),
        Optional.of(AAGUID),
        List.of("usb", "nfc", "hybrid"),
        Optional.of(4_294_967_295L),
        Optional.of(true),
        Optional.of(false),
        true,
        false,
        Optional.of("YubiKey 5 NFC"));
  }

  @Test
  void neverSyncedHasNoList() {
    assertThat(keys.find(alice)).isEmpty();
    assertThat(keys.find(12345)).isEmpty();
  }

  @Test
  void replaceStoresEveryFieldInOrderWithTheSyncTime() {
    CachedKey b = CachedKey.of("b", "Second");
    CachedKey a = CachedKey.of("a", "Third");
    CachedKeyList written = keys.replace(alice, List.of(fullKey(), b, a));

    assertThat(written.syncedAt()).isEqualTo(CacheTestTime.T0);
    CachedKeyList read = keys.find(alice).orElseThrow();
    assertThat(read).isEqualTo(written);
    assertThat(read.keys()).containsExactly(fullKey(), b, a); // the RP's order, not sorted
    assertThat(db.accounts().find(alice).orElseThrow().lastSync()).contains(CacheTestTime.T0);
  }

  @Test
  void subMillisecondTimesAreTruncatedConsistently() {
    clock.set(Instant.parse("2025-03-01T10:15:30.123456789Z"));
    CachedKeyList written = keys.replace(alice, List.of());
    assertThat(written.syncedAt()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123Z"));
    assertThat(keys.find(alice).orElseThrow()).isEqualTo(written);
  }

  @Test
  void replaceReplacesTheWholeListAndAnEmptyListIsASync() {
    keys.replace(alice, List.of(CachedKey.of("a", "A"), CachedKey.of("b", "B")));
    clock.advance(Duration.ofMinutes(5));
    keys.replace(alice, List.of(CachedKey.of("c", "C")));
    assertThat(keys.find(alice).orElseThrow().keys())
        .extracting(CachedKey::credentialId)
        .containsExactly("c");

    clock.advance(Duration.ofMinutes(5));
    CachedKeyList empty = keys.replace(alice, List.of());
    assertThat(keys.find(alice)).contains(empty);
    assertThat(empty.syncedAt()).isEqualTo(CacheTestTime.T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void accountsHaveSeparateLists() {
    long bob = db.accounts().add("https://rp.example", "bob", Optional.empty()).id();
    keys.replace(alice, List.of(CachedKey.of("same-id", "Alice's")));
    keys.replace(bob, List.of(CachedKey.of("same-id", "Bob's")));
    keys.replace(alice, List.of());
    assertThat(keys.find(bob).orElseThrow().keys())
        .extracting(CachedKey::name)
        .containsExactly("Bob's");
  }

  @Test
  void aFailureHalfWayLeavesThePreviousListAndSyncTime() throws Exception {
    CachedKeyList before =
        keys.replace(
            alice, List.of(CachedKey.of("old-1", "Old one"), CachedKey.of("old-2", "Old two")));
    // The third insert of the next replace fails inside the database.
    try (RawSqlite raw = new RawSqlite(db.file())) {
      raw.exec(
          "CREATE TRIGGER fail_on_boom BEFORE INSERT ON cached_keys WHEN NEW.name = 'boom'"
              + " BEGIN SELECT RAISE(ABORT, 'boom'); END");
    }
    clock.advance(Duration.ofHours(1));

    assertThatThrownBy(
            () ->
                keys.replace(
                    alice,
                    List.of(
                        CachedKey.of("new-1", "fine"),
                        CachedKey.of("new-2", "fine too"),
                        CachedKey.of("new-3", "boom"),
                        CachedKey.of("new-4", "never"))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("boom")
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.IO);

    assertThat(keys.find(alice)).contains(before);
    assertThat(db.accounts().find(alice).orElseThrow().lastSync()).contains(before.syncedAt());
  }

  @Test
  void aListNamingTheSameKeyTwiceIsRefusedBeforeTouchingTheCache() {
    CachedKeyList before = keys.replace(alice, List.of(CachedKey.of("x", "X")));
    assertThatThrownBy(
            () -> keys.replace(alice, List.of(CachedKey.of("d", "1"), CachedKey.of("d", "2"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The key list names credential d twice.");
    assertThat(keys.find(alice)).contains(before);
  }

  @Test
  void replacingTheListOfAMissingAccountFails() {
    assertThatThrownBy(() -> keys.replace(999, List.of(CachedKey.of("x", "X"))))
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.NOT_FOUND);
  }

  @Test
  void keyValuesAreValidated() {
    assertThatThrownBy(() -> CachedKey.of(" ", "name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new CachedKey(
                    "id",
                    "n",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of("usb,nfc"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    false,
                    Optional.empty()))
        .hasMessage("not a WebAuthn transport name: 'usb,nfc'");
    assertThatThrownBy(
            () ->
                new CachedKey(
                    "id",
                    "n",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.of(-1L),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    false,
                    Optional.empty()))
        .hasMessage("signCount must not be negative: -1");
  }
}
