package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDatabaseTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(CacheTestTime.T0);

  @Test
  void freshFileIsCreatedAtTheCurrentVersionWithEveryTable() throws Exception {
    Path file = dir.resolve("sub").resolve("keydesk.db");
    try (CacheDatabase db = CacheDatabase.open(file, clock)) {
      assertThat(db.schemaVersion()).isEqualTo(2).isEqualTo(CacheDatabase.currentSchemaVersion());
      assertThat(db.rebuildNotice()).isEmpty();
      assertThat(db.file()).isEqualTo(file.toAbsolutePath());
    }
    try (RawSqlite raw = new RawSqlite(file)) {
      assertThat(raw.tables())
          .containsExactly("accounts", "cached_keys", "devices_seen", "event_log");
      assertThat(raw.text("PRAGMA user_version")).isEqualTo("2");
    }
  }

  @Test
  void fileAndNewDirectoryAreOwnerOnly() throws Exception {
    Path file = dir.resolve("data").resolve("keydesk.db");
    CacheDatabase.open(file, clock).close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void walJournalIsOnAndStaysOn() throws Exception {
    Path file = dir.resolve("keydesk.db");
    try (CacheDatabase db = CacheDatabase.open(file, clock)) {
      assertThat(db.<String>read(c -> scalar(c, "PRAGMA journal_mode"))).isEqualTo("wal");
    }
    try (RawSqlite raw = new RawSqlite(file)) { // a connection that does not ask for WAL
      assertThat(raw.text("PRAGMA journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void foreignKeysAndBusyTimeoutAreOnForEveryConnection() throws Exception {
    try (CacheDatabase db = CacheDatabase.open(dir.resolve("keydesk.db"), clock)) {
      assertThat(db.<String>read(c -> scalar(c, "PRAGMA foreign_keys"))).isEqualTo("1");
      assertThat(db.<String>write(c -> scalar(c, "PRAGMA foreign_keys"))).isEqualTo("1");
      assertThat(db.<String>read(c -> scalar(c, "PRAGMA busy_timeout"))).isEqualTo("5000");
    }
  }

  @Test
  void openingAgainKeepsTheData() {
    Path file = dir.resolve("keydesk.db");
    try (CacheDatabase db = CacheDatabase.open(file, clock)) {
      db.accounts().add("https://rp.example", "alice", Optional.empty());
    }
    try (CacheDatabase db = CacheDatabase.open(file, clock)) {
      assertThat(db.accounts().list()).extracting(Account::username).containsExactly("alice");
      assertThat(db.rebuildNotice()).isEmpty();
    }
  }

  @Test
  void aFileFromANewerKeyDeskIsRefusedAndLeftUntouched() throws Exception {
    Path file = dir.resolve("keydesk.db");
    RawSqlite.buildAtVersion(file, 2);
    try (RawSqlite raw = new RawSqlite(file)) {
      raw.exec("CREATE TABLE from_the_future (x)", "PRAGMA user_version = 3");
    }
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> CacheDatabase.open(file, clock))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "The local cache at "
                + file
                + " was written by a newer KeyDesk (schema version 3; this KeyDesk knows up to"
                + " 2). It was left untouched: update KeyDesk, or use another data directory"
                + " with --data-dir.")
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.NEWER_VERSION);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains("corrupt"));
    }
  }

  @Test
  void anOldFileLockedByAnotherProcessIsReportedInUseNotMovedAside() throws Exception {
    Path file = dir.resolve("keydesk.db");
    RawSqlite.buildAtVersion(file, 1);
    try (RawSqlite other = new RawSqlite(file)) {
      other.connection.setAutoCommit(false);
      other.exec("INSERT INTO accounts (rp_url, username, created_at) VALUES ('u', 'n', 0)");

      assertThatThrownBy(() -> CacheDatabase.open(file, clock, Duration.ofMillis(50)))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("The local cache at " + file + " is locked by another KeyDesk")
          .extracting(e -> ((StoreException) e).kind())
          .isEqualTo(StoreException.Kind.IN_USE);
      other.connection.rollback();
    }
    try (RawSqlite raw = new RawSqlite(file)) {
      assertThat(raw.text("PRAGMA user_version")).isEqualTo("1");
    }
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains("corrupt"));
    }
  }

  @Test
  void readersSeeTheirSnapshotWhileAWriterCommits() throws Exception {
    try (CacheDatabase db = CacheDatabase.open(dir.resolve("keydesk.db"), clock)) {
      db.accounts().add("https://rp.example", "alice", Optional.empty());
      int readers = 3;
      CountDownLatch allReading = new CountDownLatch(readers);
      CountDownLatch written = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(readers);
      try {
        List<Future<List<Long>>> results =
            java.util.stream.IntStream.range(0, readers)
                .mapToObj(
                    i ->
                        pool.submit(
                            () ->
                                db.read(
                                    c -> {
                                      long first = countAccounts(c);
                                      allReading.countDown();
                                      // every reader holds its transaction open at once
                                      await(allReading);
                                      await(written);
                                      return List.of(first, countAccounts(c));
                                    })))
                .toList();
        assertThat(allReading.await(10, TimeUnit.SECONDS)).isTrue();
        db.accounts().add("https://rp.example", "bob", Optional.empty()); // not blocked by readers
        written.countDown();
        for (Future<List<Long>> result : results) {
          assertThat(result.get(10, TimeUnit.SECONDS)).containsExactly(1L, 1L);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(db.accounts().list()).hasSize(2);
    }
  }

  @Test
  void aClosedDatabaseSaysSo() {
    CacheDatabase db = CacheDatabase.open(dir.resolve("keydesk.db"), clock);
    db.close();
    assertThatThrownBy(() -> db.accounts().list())
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.CLOSED);
  }

  @Test
  void openInDataDirectoryUsesTheOverride() {
    Path data = dir.resolve("override");
    try (CacheDatabase db = CacheDatabase.openInDataDirectory(Optional.of(data), clock)) {
      assertThat(db.file()).isEqualTo(data.toAbsolutePath().resolve("keydesk.db"));
    }
    assertThat(data.resolve("keydesk.db")).isRegularFile();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static long countAccounts(java.sql.Connection c) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM accounts");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String scalar(java.sql.Connection c, String sql) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
