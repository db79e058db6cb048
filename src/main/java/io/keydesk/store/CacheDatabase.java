package io.keydesk.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * KeyDesk's local SQLite cache: one file, WAL journal, foreign keys on, a busy timeout so that two
 * KeyDesk processes wait for each other instead of failing at once.
 *
 * <p>Opening checks the file ({@code PRAGMA integrity_check}), refuses a file written by a newer
 * KeyDesk (it is never downgraded or wiped), and applies the pending {@link Migrations} in one
 * transaction. A file that is not a SQLite database, fails the integrity check, or cannot be
 * migrated is moved aside and replaced by an empty cache; {@link #rebuildNotice()} then says so.
 *
 * <p>Each unit of work gets its own short-lived connection, so the object is safe to share between
 * threads and readers never wait for a writer (WAL).
 */
public final class CacheDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CacheDatabase.class);

  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
  private static final DateTimeFormatter MOVED_ASIDE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> SIDE_FILE_SUFFIXES = List.of("-wal", "-shm", "-journal");

  // Primary SQLite result codes (https://www.sqlite.org/rescode.html).
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_NOMEM = 7;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;
  private static final int SQLITE_PERM = 3;

  /** A unit of work on one connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Path file;
  private final Clock clock;
  private final Optional<RebuildNotice> rebuildNotice;
  private final SQLiteDataSource readSource;
  private final SQLiteDataSource writeSource;
  private volatile boolean closed;

  private CacheDatabase(
      Path file, Clock clock, Duration busyTimeout, Optional<RebuildNotice> rebuildNotice) {
    this.file = file;
    this.clock = clock;
    this.rebuildNotice = rebuildNotice;
    this.readSource = dataSource(file, SQLiteConfig.TransactionMode.DEFERRED, busyTimeout);
    this.writeSource = dataSource(file, SQLiteConfig.TransactionMode.IMMEDIATE, busyTimeout);
  }

  /** Opens {@value DataDirectory#DATABASE_FILE_NAME} in the resolved data directory. */
  public static CacheDatabase openInDataDirectory(Optional<Path> dataDirOverride, Clock clock) {
    Path dir = DataDirectory.ensureExists(DataDirectory.resolve(dataDirOverride));
    return open(dir.resolve(DataDirectory.DATABASE_FILE_NAME), clock);
  }

  /**
   * Opens (creating, checking, migrating or rebuilding) the cache at {@code file}, with UTC time.
   */
  public static CacheDatabase open(Path file) {
    return open(file, Clock.systemUTC());
  }

  /**
   * Opens (creating, checking, migrating or rebuilding) the cache at {@code file}.
   *
   * @throws StoreException {@link StoreException.Kind#NEWER_VERSION} if a newer KeyDesk wrote it,
   *     {@link StoreException.Kind#IN_USE} if another process keeps it locked, {@link
   *     StoreException.Kind#IO} if it cannot be read, written, moved aside or rebuilt
   */
  public static CacheDatabase open(Path file, Clock clock) {
    return open(file, clock, BUSY_TIMEOUT);
  }

  static CacheDatabase open(Path file, Clock clock, Duration busyTimeout) {
    Path path = file.toAbsolutePath();
    DataDirectory.ensureExists(path.getParent());
    createOwnerOnly(path);
    try {
      prepare(path, busyTimeout);
      return new CacheDatabase(path, clock, busyTimeout, Optional.empty());
    } catch (DamagedException damaged) {
      RebuildNotice notice = moveAside(path, damaged.getMessage(), clock.instant());
      log.warn("{}", notice.message());
      createOwnerOnly(path);
      try {
        prepare(path, busyTimeout);
      } catch (DamagedException again) {
        throw new StoreException(
            StoreException.Kind.IO,
            "The local cache at "
                + path
                + " could not be rebuilt ("
                + again.getMessage()
                + "). Check the disk and the directory's permissions, or choose another data"
                + " directory with --data-dir.",
            again);
      }
      return new CacheDatabase(path, clock, busyTimeout, Optional.of(notice));
    }
  }

  public Path file() {
    return file;
  }

  public Clock clock() {
    return clock;
  }

  /** Present when the file was damaged at open and has been moved aside and rebuilt. */
  public Optional<RebuildNotice> rebuildNotice() {
    return rebuildNotice;
  }

  /** The schema version of the open file; always {@link #currentSchemaVersion()} after open. */
  public int schemaVersion() {
    return read(Migrations::userVersion);
  }

  /** The schema version this KeyDesk writes. */
  public static int currentSchemaVersion() {
    return Migrations.CURRENT_VERSION;
  }

  public AccountRepository accounts() {
    return new AccountRepository(this);
  }

  public CachedKeyRepository cachedKeys() {
    return new CachedKeyRepository(this);
  }

  public DeviceSeenRepository devicesSeen() {
    return new DeviceSeenRepository(this);
  }

  public EventLogRepository eventLog() {
    return new EventLogRepository(this);
  }

  /** Later calls fail with {@link StoreException.Kind#CLOSED}; connections are per call. */
  @Override
  public void close() {
    closed = true;
  }

  /** Runs read-only work in one deferred transaction (a consistent snapshot). */
  <T> T read(SqlWork<T> work) {
    return inTransaction(readSource, work);
  }

  /** Runs work in one immediate (write-locked) transaction: all of it commits, or none. */
  <T> T write(SqlWork<T> work) {
    return inTransaction(writeSource, work);
  }

  private <T> T inTransaction(SQLiteDataSource source, SqlWork<T> work) {
    if (closed) {
      throw new StoreException(
          StoreException.Kind.CLOSED,
          "The local cache at " + file + " is already closed. Restart KeyDesk and try again.");
    }
    try (Connection connection = source.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Maps a SQLite failure during normal use to a message the user can act on. */
  StoreException failure(SQLException e) {
    int code = primaryCode(e);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return inUse(file, e);
    }
    if (isConstraint(e, SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)
        || isConstraint(e, SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
      return new StoreException(
          StoreException.Kind.DUPLICATE,
          "The local cache at " + file + " already holds that entry (" + e.getMessage() + ").",
          e);
    }
    if (isConstraint(e, SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)) {
      return new StoreException(
          StoreException.Kind.NOT_FOUND,
          "The entry this change refers to is not in the local cache at "
              + file
              + " any more. Refresh and try again.",
          e);
    }
    String advice =
        code == SQLITE_CORRUPT || code == SQLITE_NOTADB
            ? " Restart KeyDesk: it checks the cache at start and rebuilds it if it is damaged."
            : " Check the disk space and the file's permissions, then try again.";
    return new StoreException(
        StoreException.Kind.IO,
        "Could not use the local cache at " + file + " (" + e.getMessage() + ")." + advice,
        e);
  }

  // --- opening -------------------------------------------------------------------------------

  /** The file cannot serve as a cache and must be moved aside; the message says why. */
  private static final class DamagedException extends Exception {
    DamagedException(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** Checks, refuses newer, enables WAL and migrates, on one connection that is then closed. */
  private static void prepare(Path path, Duration busyTimeout) throws DamagedException {
    SQLiteDataSource source = dataSource(path, SQLiteConfig.TransactionMode.IMMEDIATE, busyTimeout);
    try (Connection connection = source.getConnection()) {
      List<String> problems = integrityProblems(connection);
      if (!problems.isEmpty()) {
        throw new DamagedException("integrity check failed: " + String.join("; ", problems), null);
      }
      int version = Migrations.userVersion(connection);
      refuseNewer(path, version);
      enableWal(connection);
      if (version < Migrations.CURRENT_VERSION) {
        migrate(path, connection);
      }
    } catch (SQLException e) {
      int code = primaryCode(e);
      if (code == SQLITE_NOTADB) {
        throw new DamagedException("not a SQLite database", e);
      }
      if (code == SQLITE_CORRUPT) {
        throw new DamagedException("SQLite reports the database is malformed", e);
      }
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        throw inUse(path, e);
      }
      throw cannotOpen(path, e);
    }
  }

  private static List<String> integrityProblems(Connection connection) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA integrity_check(5)")) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (!"ok".equals(line)) {
          problems.add(line);
        }
      }
    }
    return problems;
  }

  private static void refuseNewer(Path path, int version) {
    if (version > Migrations.CURRENT_VERSION) {
      throw new StoreException(
          StoreException.Kind.NEWER_VERSION,
          "The local cache at "
              + path
              + " was written by a newer KeyDesk (schema version "
              + version
              + "; this KeyDesk knows up to "
              + Migrations.CURRENT_VERSION
              + "). It was left untouched: update KeyDesk, or use another data directory with"
              + " --data-dir.");
    }
  }

  private static void enableWal(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA journal_mode = WAL")) {
      String mode = rs.next() ? rs.getString(1) : "";
      if (!"wal".equalsIgnoreCase(mode)) {
        // e.g. a file system without shared memory: the cache still works, only less concurrently.
        log.warn("SQLite kept journal mode '{}' instead of WAL for the local cache", mode);
      }
    }
  }

  private static void migrate(Path path, Connection connection)
      throws SQLException, DamagedException {
    connection.setAutoCommit(false); // BEGIN IMMEDIATE: two processes cannot migrate at once
    int from = -1;
    try {
      from = Migrations.userVersion(connection); // re-read under the write lock
      refuseNewer(path, from);
      if (from < Migrations.CURRENT_VERSION) {
        Migrations.apply(connection, from, Migrations.CURRENT_VERSION);
        log.info(
            "Local cache {} upgraded from schema version {} to {}",
            path,
            from,
            Migrations.CURRENT_VERSION);
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      int code = primaryCode(e);
      if (isEnvironmental(code)) {
        throw e;
      }
      throw new DamagedException(
          "upgrade of its schema from version " + from + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  /** Failures that say nothing about the file's content: retrying later may work. */
  private static boolean isEnvironmental(int code) {
    return code == SQLITE_BUSY
        || code == SQLITE_LOCKED
        || code == SQLITE_NOMEM
        || code == SQLITE_READONLY
        || code == SQLITE_IOERR
        || code == SQLITE_FULL
        || code == SQLITE_CANTOPEN
        || code == SQLITE_PERM;
  }

  private static RebuildNotice moveAside(Path path, String reason, Instant now) {
    String base = path.getFileName() + ".corrupt-" + MOVED_ASIDE_STAMP.format(now);
    Path target = path.resolveSibling(base);
    for (int n = 2; Files.exists(target); n++) {
      target = path.resolveSibling(base + "-" + n);
    }
    try {
      Files.move(path, target);
      for (String suffix : SIDE_FILE_SUFFIXES) {
        Path side = path.resolveSibling(path.getFileName() + suffix);
        if (Files.exists(side)) {
          Files.move(side, target.resolveSibling(target.getFileName() + suffix));
        }
      }
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Kind.IO,
          "The local cache at "
              + path
              + " is damaged ("
              + reason
              + ") and could not be moved aside ("
              + e.getMessage()
              + "). Delete it (it is only a cache) and start KeyDesk again.",
          e);
    }
    return new RebuildNotice(path, target, reason, now);
  }

  /** An empty file is a valid empty SQLite database; creating it first makes it owner-only. */
  private static void createOwnerOnly(Path path) {
    if (Files.exists(path)) {
      return;
    }
    try {
      if (DataDirectory.isPosix(path)) {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY_FILE));
      } else {
        Files.createFile(path);
      }
    } catch (FileAlreadyExistsException e) {
      // another process created it meanwhile: fine
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Kind.IO,
          "Cannot create the local cache at "
              + path
              + " ("
              + e.getMessage()
              + "). Check the directory's permissions or choose another with --data-dir.",
          e);
    }
  }

  private static SQLiteDataSource dataSource(
      Path path, SQLiteConfig.TransactionMode mode, Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // durable enough in WAL for a cache
    config.setTransactionMode(mode);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + path);
    return source;
  }

  static boolean isConstraint(SQLException e, SQLiteErrorCode extended) {
    return e instanceof SQLiteException sqlite && sqlite.getResultCode() == extended;
  }

  private static int primaryCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }

  private static StoreException inUse(Path path, SQLException e) {
    return new StoreException(
        StoreException.Kind.IN_USE,
        "The local cache at "
            + path
            + " is locked by another KeyDesk window or command. Close it, or wait for it to finish,"
            + " and try again.",
        e);
  }

  private static StoreException cannotOpen(Path path, SQLException e) {
    return new StoreException(
        StoreException.Kind.IO,
        "Cannot open the local cache at "
            + path
            + " ("
            + e.getMessage()
            + "). Check the disk and the file's permissions, or choose another data directory"
            + " with --data-dir.",
        e);
  }
}
