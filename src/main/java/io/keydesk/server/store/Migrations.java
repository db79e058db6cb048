package io.keydesk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations. Each entry runs once, in order, and is recorded in {@code
 * schema_migrations}; never edit an applied entry, append a new one.
 */
final class Migrations {
  static final List<String> STEPS =
      List.of(
          """
          CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('account', 'conformance')),
            email TEXT NOT NULL,
            password_hash TEXT,
            user_handle BLOB NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            UNIQUE (kind, email)
          );
          CREATE TABLE sessions (
            token_hash BLOB PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            sudo_until INTEGER
          );
          CREATE INDEX sessions_user ON sessions(user_id);
          CREATE TABLE credentials (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            credential_id BLOB NOT NULL UNIQUE,
            public_key_cose BLOB NOT NULL,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER,
            aaguid BLOB NOT NULL,
            transports TEXT NOT NULL,
            sign_count INTEGER NOT NULL,
            backup_eligible INTEGER NOT NULL,
            backup_state INTEGER NOT NULL,
            possibly_cloned INTEGER NOT NULL DEFAULT 0
          );
          CREATE INDEX credentials_user ON credentials(user_id);
          CREATE TABLE sudo_codes (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            code_hash BLOB NOT NULL,
            expires_at INTEGER NOT NULL
          );
          CREATE TABLE totp (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            secret BLOB NOT NULL,
            confirmed INTEGER NOT NULL,
            last_step INTEGER NOT NULL
          );
          CREATE TABLE backup_codes (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            code_hash BLOB NOT NULL,
            used_at INTEGER,
            PRIMARY KEY (user_id, code_hash)
          );
          """,
          // 2: sudo codes die after 5 wrong tries and are stored as HMAC-SHA-256 under the
          // server's code key (the unsalted SHA-256 ones of step 1 live 15 minutes: drop them);
          // backup codes record how they are hashed (0 = SHA-256 of step 1, 1 = HMAC).
          """
          DELETE FROM sudo_codes;
          ALTER TABLE sudo_codes ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE backup_codes ADD COLUMN scheme INTEGER NOT NULL DEFAULT 0;
          """);

  private Migrations() {}

  /** Applies the pending steps; returns how many ran. */
  static int apply(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
              + "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    }
    int current = currentVersion(connection);
    int applied = 0;
    for (int version = current + 1; version <= STEPS.size(); version++) {
      try (Statement statement = connection.createStatement()) {
        for (String sql : STEPS.get(version - 1).split(";")) {
          if (!sql.isBlank()) {
            statement.execute(sql);
          }
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)")) {
        insert.setInt(1, version);
        insert.setLong(2, System.currentTimeMillis());
        insert.executeUpdate();
      }
      applied++;
    }
    return applied;
  }

  static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
