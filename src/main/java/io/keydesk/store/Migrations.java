package io.keydesk.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The ordered schema history of the cache. The version lives in SQLite's {@code PRAGMA
 * user_version} (0 = empty file). Timestamps are INTEGER milliseconds since the epoch (UTC);
 * booleans are 0/1. No column holds a secret: no password, PIN, token, session cookie or private
 * key.
 */
final class Migrations {

  static final Migration V1 =
      new Migration(
          1,
          "accounts and their cached key lists",
          List.of(
              """
              CREATE TABLE accounts (
                id INTEGER PRIMARY KEY,
                rp_url TEXT NOT NULL,
                username TEXT NOT NULL,
                pinned_fingerprint TEXT,
                last_sync INTEGER,
                created_at INTEGER NOT NULL,
                UNIQUE (rp_url, username)
              )""",
              """
              CREATE TABLE cached_keys (
                account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                credential_id TEXT NOT NULL,
                name TEXT NOT NULL,
                created_at INTEGER,
                last_used INTEGER,
                aaguid TEXT,
                transports TEXT NOT NULL DEFAULT '',
                sign_count INTEGER,
                backup_eligible INTEGER,
                backup_state INTEGER,
                is_last INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (account_id, credential_id)
              )"""));

  static final Migration V2 =
      new Migration(
          2,
          "devices seen, event log, key model and clone flag",
          List.of(
              "ALTER TABLE cached_keys ADD COLUMN model TEXT",
              "ALTER TABLE cached_keys ADD COLUMN possibly_cloned INTEGER NOT NULL DEFAULT 0",
              """
              CREATE TABLE devices_seen (
                id INTEGER PRIMARY KEY,
                device_key TEXT NOT NULL UNIQUE,
                aaguid TEXT NOT NULL,
                serial TEXT,
                hid_path TEXT,
                name TEXT NOT NULL,
                firmware TEXT,
                first_seen INTEGER NOT NULL,
                last_seen INTEGER NOT NULL
              )""",
              """
              CREATE TABLE event_log (
                id INTEGER PRIMARY KEY,
                occurred_at INTEGER NOT NULL,
                account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
                action TEXT NOT NULL,
                key_id TEXT,
                key_name TEXT,
                result TEXT NOT NULL CHECK (result IN ('OK', 'FAILED')),
                message TEXT
              )""",
              "CREATE INDEX event_log_newest ON event_log (occurred_at DESC, id DESC)",
              "CREATE INDEX event_log_account ON event_log (account_id)"));

  /** Every step, oldest first; versions are 1, 2, 3... without gaps. */
  static final List<Migration> ALL = List.of(V1, V2);

  static final int CURRENT_VERSION = ALL.size();

  private Migrations() {}

  static int userVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Runs the steps after {@code from} up to and including {@code target} on a connection whose
   * transaction the caller owns, and records {@code target} in {@code user_version}.
   */
  static void apply(Connection connection, int from, int target) throws SQLException {
    if (from < 0 || target > CURRENT_VERSION || from > target) {
      throw new IllegalArgumentException("no migration path from " + from + " to " + target);
    }
    try (Statement statement = connection.createStatement()) {
      for (Migration step : ALL.subList(from, target)) {
        for (String sql : step.statements()) {
          statement.executeUpdate(sql);
        }
      }
      // PRAGMA arguments cannot be bound; target is an int we control.
      statement.executeUpdate("PRAGMA user_version = " + target);
    }
  }
}
