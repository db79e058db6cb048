package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * Single-use backup codes, stored as keyed hashes ({@code scheme} 1: HMAC-SHA-256 under the
 * server's code key). Rows of {@code scheme} 0 (plain SHA-256, written before the key existed)
 * still match until used or replaced.
 */
public final class BackupCodeDao {
  private static final int SCHEME_LEGACY_SHA256 = 0;
  private static final int SCHEME_HMAC = 1;

  private final Database db;

  public BackupCodeDao(Database db) {
    this.db = db;
  }

  /** Replaces the user's codes with {@code hashes}. */
  public void replace(long userId, List<Bytes> hashes) {
    db.execute(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM backup_codes WHERE user_id = ?")) {
            delete.setLong(1, userId);
            delete.executeUpdate();
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO backup_codes(user_id, code_hash, used_at, scheme)"
                      + " VALUES (?, ?, NULL, " + SCHEME_HMAC + ")")) {
            for (Bytes hash : hashes) {
              insert.setLong(1, userId);
              insert.setBytes(2, hash.toArray());
              insert.executeUpdate();
            }
          }
        });
  }

  /**
   * Marks the unused code with this keyed hash (or, for codes of the old scheme, this SHA-256) as
   * used in one conditional update; false when there is none.
   */
  public boolean consume(long userId, Bytes mac, Bytes legacySha256, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE backup_codes SET used_at = ?"
                      + " WHERE user_id = ? AND used_at IS NULL"
                      + " AND ((scheme = " + SCHEME_HMAC + " AND code_hash = ?)"
                      + " OR (scheme = " + SCHEME_LEGACY_SHA256 + " AND code_hash = ?))")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, userId);
            s.setBytes(3, mac.toArray());
            s.setBytes(4, legacySha256.toArray());
            return s.executeUpdate() == 1;
          }
        });
  }

  public int remaining(long userId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM backup_codes WHERE user_id = ? AND used_at IS NULL")) {
            s.setLong(1, userId);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              return r.getInt(1);
            }
          }
        });
  }
}
