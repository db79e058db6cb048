package io.keydesk.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relying party's SQLite database: one connection in WAL mode, guarded by a reentrant lock so a
 * transaction may call several DAOs. Opening it applies the pending {@link Migrations}.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  public static final String FILE_NAME = "keydesk-rp.sqlite";

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private Database(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) {@value #FILE_NAME} in {@code directory} and migrates it. */
  public static Database open(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=5000");
      }
      Database database = new Database(connection);
      int applied = database.inTransaction(Migrations::apply);
      LOG.info("Database {} ready ({} migrations applied now)", file, applied);
      return database;
    } catch (SQLException e) {
      throw new StoreException("Cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  /** A unit of work on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction (joining the caller's transaction when nested). */
  public <T> T inTransaction(Work<T> work) {
    lock.lock();
    try {
      boolean outermost = connection.getAutoCommit();
      if (outermost) {
        connection.setAutoCommit(false);
      }
      try {
        T result = work.run(connection);
        if (outermost) {
          connection.commit();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        if (outermost) {
          connection.rollback();
        }
        throw e;
      } finally {
        if (outermost) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("Database operation failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs a transaction that returns nothing. */
  public void execute(SqlAction action) {
    inTransaction(
        c -> {
          action.run(c);
          return null;
        });
  }

  /** A unit of work without a result. */
  @FunctionalInterface
  public interface SqlAction {
    void run(Connection connection) throws SQLException;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("Closing the database failed: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
