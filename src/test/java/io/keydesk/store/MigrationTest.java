package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every migration path: a file is built at each earlier version from that version's own SQL, filled
 * with rows the way that version wrote them, then opened by the current code.
 */
class MigrationTest {
  private static final String FINGERPRINT =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final UUID AAGUID = UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8");

  /** Rows as each version wrote them. Freeze an entry when its version is released. */
  private static final Map<Integer, List<String>> ROWS_WRITTEN_AT =
      Map.of(
          0,
          List.of(),
          1,
          List.of(
              "INSERT INTO accounts (id, rp_url, username, pinned_fingerprint, last_sync,"
                  + " created_at) VALUES (7, 'https://rp.example', 'alice', '"
                  + FINGERPRINT
                  + "', 1740824130123, 1740820000000)",
              "INSERT INTO accounts (id, rp_url, username, created_at)"
                  + " VALUES (8, 'https://other.example', 'bob', 1740820000001)",
              "INSERT INTO cached_keys (account_id, position, credential_id, name, created_at,"
                  + " last_used, aaguid, transports, sign_count, backup_eligible, backup_state,"
                  + " is_last) VALUES"
                  + " (7, 0, 'cred-A', 'Blue key', 1000, 2000, '"
                  + AAGUID
                  + "', 'usb,nfc', 42, 0, 1, 0),"
                  + " (7, 1, 'cred-B', 'Backup', NULL, NULL, NULL, '', NULL, NULL, NULL, 1)"));

  static IntStream earlierVersions() {
    return IntStream.range(0, Migrations.CURRENT_VERSION);
  }

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(CacheTestTime.T0);

  @Test
  void versionsAreContiguousFromOne() {
    assertThat(Migrations.ALL)
        .extracting(Migration::version)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, Migrations.CURRENT_VERSION).boxed().toList());
  }

  @Test
  void everyEarlierVersionHasFixtureRows() {
    assertThat(ROWS_WRITTEN_AT.keySet()).containsAll(earlierVersions().boxed().toList());
  }

  @ParameterizedTest(name = "from version {0}")
  @MethodSource("earlierVersions")
  void upgradesFromEveryEarlierVersionKeepingItsRows(int from) throws Exception {
    Path file = dir.resolve("keydesk.db");
    RawSqlite.buildAtVersion(file, from);
    try (RawSqlite raw = new RawSqlite(file)) {
      assertThat(raw.text("PRAGMA user_version")).isEqualTo(Integer.toString(from));
      for (int v = 0; v <= from; v++) {
        raw.exec(ROWS_WRITTEN_AT.get(v).toArray(String[]::new));
      }
    }

    try (CacheDatabase db = CacheDatabase.open(file, clock)) {
      assertThat(db.rebuildNotice()).isEmpty();
      assertThat(db.schemaVersion()).isEqualTo(Migrations.CURRENT_VERSION);
      if (from >= 1) {
        assertVersion1RowsSurvived(db);
      } else {
        assertThat(db.accounts().list()).isEmpty();
      }
      assertCurrentFeaturesWork(db);
    }
  }

  @ParameterizedTest(name = "from version {0}")
  @MethodSource("earlierVersions")
  void anUpgradedSchemaIsTheSameAsAFreshOne(int from) throws Exception {
    Path fresh = dir.resolve("fresh.db");
    CacheDatabase.open(fresh, clock).close();
    Path upgraded = dir.resolve("upgraded.db");
    RawSqlite.buildAtVersion(upgraded, from);
    CacheDatabase.open(upgraded, clock).close();

    assertThat(schema(upgraded)).isEqualTo(schema(fresh)).isNotEmpty();
  }

  private static List<List<String>> schema(Path file) throws Exception {
    try (RawSqlite raw = new RawSqlite(file)) {
      return raw.rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
    }
  }

  private static void assertVersion1RowsSurvived(CacheDatabase db) {
    Account alice = db.accounts().find(7).orElseThrow();
    assertThat(alice)
        .isEqualTo(
            new Account(
                7,
                "https://rp.example",
                "alice",
                Optional.of(FINGERPRINT),
                Optional.of(Instant.ofEpochMilli(1740824130123L)),
                Instant.ofEpochMilli(1740820000000L)));
    assertThat(db.accounts().find("https://other.example", "bob").orElseThrow().lastSync())
        .isEmpty();

    CachedKeyList keys = db.cachedKeys().find(7).orElseThrow();
    assertThat(keys.syncedAt()).isEqualTo(Instant.ofEpochMilli(1740824130123L));
    assertThat(keys.keys())
        .containsExactly(
            new CachedKey(
                "cred-A",
                "Blue key",
                Optional.of(Instant.ofEpochMilli(1000)),
                Optional.of(Instant.ofEpochMilli(2000)),
                Optional.of(AAGUID),
                List.of("usb", "nfc"),
                Optional.of(42L),
                Optional.of(false),
                Optional.of(true),
                false, // v2 column, defaulted
                false,
                Optional.empty()), // v2 column, defaulted
            new CachedKey(
                "cred-B",
                "Backup",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                true,
                Optional.empty()));
    assertThat(db.cachedKeys().find(8)).isEmpty(); // never synced
  }

  private static void assertCurrentFeaturesWork(CacheDatabase db) {
    long account = db.accounts().add("https://new.example", "carol", Optional.empty()).id();
    db.eventLog().append(Event.ok("account.add").forAccount(account));
    db.devicesSeen()
        .seen(DeviceIdentity.bySerial(AAGUID, "123"), "YubiKey 5", Optional.of("5.4.3"));
    assertThat(db.eventLog().newest(5)).hasSize(1);
    assertThat(db.devicesSeen().list()).hasSize(1);
  }
}
