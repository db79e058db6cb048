package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** At most one emailed sudo code per user, stored hashed with its expiry. */
public final class SudoCodeDao {
  /** A stored code: its hash and when it stops being valid. */
  public record SudoCode(Bytes codeHash, Instant expiresAt) {}

  private final Database db;

  public SudoCodeDao(Database db) {
    this.db = db;
  }

  public void put(long userId, Bytes codeHash, Instant expiresAt) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO sudo_codes(user_id, code_hash, expires_at)"
                      + " VALUES (?, ?, ?)")) {
            s.setLong(1, userId);
            s.setBytes(2, codeHash.toArray());
            s.setLong(3, expiresAt.toEpochMilli());
            s.executeUpdate();
          }
        });
  }

  public Optional<SudoCode> get(long userId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT code_hash, expires_at FROM sudo_codes WHERE user_id = ?")) {
            s.setLong(1, userId);
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? Optional.of(
                      new SudoCode(Bytes.of(r.getBytes(1)), Instant.ofEpochMilli(r.getLong(2))))
                  : Optional.empty();
            }
          }
        });
  }

  public void delete(long userId) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM sudo_codes WHERE user_id = ?")) {
            s.setLong(1, userId);
            s.executeUpdate();
          }
        });
  }
}
