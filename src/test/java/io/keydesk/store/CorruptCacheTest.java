package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.testing.MutableClock;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged cache is moved aside, an empty one is built in its place, and the user is told. */
class CorruptCacheTest {
  private static final String STAMP = "20250301T101530Z"; // CacheTestTime.T0
  private static final int PAGE = 4096;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(CacheTestTime.T0);

  private Path file() {
    return dir.resolve("keydesk.db");
  }

  @Test
  void randomBytesAreMovedAsideAndTheCacheRebuilt() throws Exception {
    byte[] garbage = new byte[3 * PAGE];
    new Random(42).nextBytes(garbage);
    Files.write(file(), garbage);

    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      Path movedTo = dir.resolve("keydesk.db.corrupt-" + STAMP);
      RebuildNotice notice = db.rebuildNotice().orElseThrow();
      assertThat(notice.damagedFile()).isEqualTo(file());
      assertThat(notice.movedTo()).isEqualTo(movedTo);
      assertThat(notice.at()).isEqualTo(CacheTestTime.T0);
      assertThat(notice.reason()).isEqualTo("not a SQLite database");
      assertThat(notice.message())
          .isEqualTo(
              "The local cache at "
                  + file()
                  + " was damaged ("
                  + notice.reason()
                  + "); it was moved to "
                  + movedTo
                  + " and rebuilt. Your accounts must be added again; nothing on your security"
                  + " keys or at the services was affected.");
      assertThat(Files.readAllBytes(movedTo)).isEqualTo(garbage);
      assertRebuiltAndUsable(db);
    }
  }

  @Test
  void aTruncatedCacheIsMovedAsideAndRebuilt() throws Exception {
    writeRealCacheWithData();
    long size = Files.size(file());
    assertThat(size).isGreaterThan(8 * PAGE);
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      raf.setLength(size / 2);
    }

    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      RebuildNotice notice = db.rebuildNotice().orElseThrow();
      assertThat(notice.reason()).isEqualTo("SQLite reports the database is malformed");
      assertThat(notice.movedTo()).isEqualTo(dir.resolve("keydesk.db.corrupt-" + STAMP));
      assertThat(Files.size(notice.movedTo())).isEqualTo(size / 2);
      assertRebuiltAndUsable(db);
    }
  }

  @Test
  void aCacheThatFailsTheIntegrityCheckIsMovedAsideAndRebuilt() throws Exception {
    writeRealCacheWithData();
    long pages = Files.size(file()) / PAGE;
    // Scribble over a b-tree page in the middle: the header still says "SQLite format 3".
    try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
      byte[] scribble = new byte[PAGE];
      Arrays.fill(scribble, (byte) 0x5a);
      raf.seek((pages / 2) * PAGE);
      raf.write(scribble);
    }

    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      RebuildNotice notice = db.rebuildNotice().orElseThrow();
      assertThat(notice.reason())
          .satisfiesAnyOf(
              r -> assertThat(r).isEqualTo("SQLite reports the database is malformed"),
              r -> assertThat(r).startsWith("integrity check failed: "));
      assertRebuiltAndUsable(db);
    }
  }

  @Test
  void staleWalAndShmFilesDoNotFollowIntoTheRebuiltCache() throws Exception {
    byte[] wal = new byte[2 * PAGE];
    new Random(8).nextBytes(wal);
    Files.write(dir.resolve("keydesk.db-wal"), wal);
    Files.write(dir.resolve("keydesk.db-shm"), new byte[PAGE]);
    byte[] garbage = new byte[3 * PAGE];
    new Random(7).nextBytes(garbage);
    Files.write(file(), garbage);

    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      assertThat(db.rebuildNotice()).isPresent();
      assertRebuiltAndUsable(db);
    }
    // SQLite discards side files it cannot use; any it leaves would be beside the moved copy.
    Path newWal = dir.resolve("keydesk.db-wal");
    if (Files.exists(newWal)) {
      assertThat(Files.readAllBytes(newWal)).isNotEqualTo(wal);
    }
    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      assertThat(db.rebuildNotice()).isEmpty();
      assertThat(db.accounts().list()).hasSize(1);
    }
  }

  @Test
  void aCacheWhoseIndexDisagreesWithItsTableFailsTheIntegrityCheck() throws Exception {
    writeRealCacheWithData();
    try (RawSqlite raw = new RawSqlite(file())) {
      // Point the index definition at another column: its stored entries no longer match rows.
      raw.exec(
          "PRAGMA writable_schema = ON",
          "UPDATE sqlite_master SET sql = 'CREATE INDEX event_log_account ON event_log (key_name)'"
              + " WHERE name = 'event_log_account'",
          "PRAGMA writable_schema = OFF");
    }

    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      RebuildNotice notice = db.rebuildNotice().orElseThrow();
      assertThat(notice.reason())
          .startsWith("integrity check failed: ")
          .contains("event_log_account");
      assertRebuiltAndUsable(db);
    }
  }

  @Test
  void anEarlierMovedAsideFileIsNotOverwritten() throws Exception {
    Path earlier = dir.resolve("keydesk.db.corrupt-" + STAMP);
    Files.writeString(earlier, "earlier");
    Files.writeString(file(), "not a database either, but longer than a header would be......");

    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      assertThat(db.rebuildNotice().orElseThrow().movedTo())
          .isEqualTo(dir.resolve("keydesk.db.corrupt-" + STAMP + "-2"));
      assertThat(earlier).hasContent("earlier");
    }
  }

  @Test
  void aFailedUpgradeIsRolledBackThenMovedAsideAndRebuilt() throws Exception {
    RawSqlite.buildAtVersion(file(), 1);
    try (RawSqlite raw = new RawSqlite(file())) {
      // something a v2 step cannot create over
      raw.exec("CREATE TABLE devices_seen (unexpected TEXT)");
    }

    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      RebuildNotice notice = db.rebuildNotice().orElseThrow();
      assertThat(notice.reason())
          .isEqualTo(
              "upgrade of its schema from version 1 failed: [SQLITE_ERROR] SQL error or missing"
                  + " database (table devices_seen already exists)");
      assertRebuiltAndUsable(db);
    }
    try (RawSqlite old = new RawSqlite(dir.resolve("keydesk.db.corrupt-" + STAMP))) {
      assertThat(old.text("PRAGMA user_version")).isEqualTo("1"); // rolled back, not half-done
      assertThat(old.columns("cached_keys")).doesNotContain("model");
    }
  }

  @Test
  void anEmptyFileIsAFreshCacheNotADamagedOne() throws Exception {
    Files.createFile(file());
    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      assertThat(db.rebuildNotice()).isEmpty();
      assertThat(db.schemaVersion()).isEqualTo(Migrations.CURRENT_VERSION);
    }
  }

  private void writeRealCacheWithData() throws Exception {
    try (CacheDatabase db = CacheDatabase.open(file(), clock)) {
      long account = db.accounts().add("https://rp.example", "alice", Optional.empty()).id();
      db.eventLog()
          .append(Event.failed("key.rename", "through the repository").forAccount(account));
    }
    try (RawSqlite raw = new RawSqlite(file())) { // 200 more in one transaction: many pages
      raw.exec(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
              + " INSERT INTO event_log (occurred_at, account_id, action, key_name, result, message)"
              + " SELECT i, 1, 'key.rename', 'key ' || i, 'FAILED', printf('%.400c', 'x') FROM n");
    }
    // closing the last connection checkpoints the WAL into the main file
    assertThat(dir.resolve("keydesk.db-wal")).doesNotExist();
  }

  private void assertRebuiltAndUsable(CacheDatabase db) {
    assertThat(db.schemaVersion()).isEqualTo(Migrations.CURRENT_VERSION);
    assertThat(db.accounts().list()).isEmpty();
    assertThat(db.eventLog().newest(10)).isEmpty();
    db.accounts().add("https://rp.example", "alice", Optional.empty());
    assertThat(db.accounts().list()).hasSize(1);
  }
}
