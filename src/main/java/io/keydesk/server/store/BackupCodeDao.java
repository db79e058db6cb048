package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/** Single-use backup codes, stored as SHA-256 hashes. */
public final class BackupCodeDao {
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
                  "INSERT INTO backup_codes(user_id, code_hash, used_at) VALUES (?, ?, NULL)")) {
            for (Bytes hash : hashes) {
              insert.setLong(1, userId);
              insert.setBytes(2, hash.toArray());
              insert.executeUpdate();
            }
          }
        });
  }

  /** Marks the unused code with this hash as used; false when there is none. */
  public boolean consume(long userId, Bytes hash, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE backup_codes SET used_at = ?"
                      + " WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, userId);
            s.setBytes(3, hash.toArray());
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
