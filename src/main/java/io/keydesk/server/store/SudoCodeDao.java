package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * At most one emailed sudo code per user, stored as a keyed MAC with its expiry and the number of
 * wrong tries against it.
 */
public final class SudoCodeDao {
  /** A stored code: its MAC, when it stops being valid, and how many wrong codes were tried. */
  public record SudoCode(Bytes codeHash, Instant expiresAt, int failedAttempts) {}

  private final Database db;

  public SudoCodeDao(Database db) {
    this.db = db;
  }

  /** Stores a new code (replacing any), with no failed attempts. */
  public void put(long userId, Bytes codeHash, Instant expiresAt) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO sudo_codes(user_id, code_hash, expires_at,"
                      + " failed_attempts) VALUES (?, ?, ?, 0)")) {
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
              c.prepareStatement(
                  "SELECT code_hash, expires_at, failed_attempts FROM sudo_codes"
                      + " WHERE user_id = ?")) {
            s.setLong(1, userId);
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? Optional.of(
                      new SudoCode(
                          Bytes.of(r.getBytes(1)), Instant.ofEpochMilli(r.getLong(2)), r.getInt(3)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Uses the code up if it is still the stored one, unexpired at {@code now} and has fewer than
   * {@code maxFailures} wrong tries, in one conditional delete: of two requests racing with the
   * right code exactly one wins.
   */
  public boolean consume(long userId, Bytes codeHash, Instant now, int maxFailures) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM sudo_codes WHERE user_id = ? AND code_hash = ?"
                      + " AND expires_at > ? AND failed_attempts < ?")) {
            s.setLong(1, userId);
            s.setBytes(2, codeHash.toArray());
            s.setLong(3, now.toEpochMilli());
            s.setInt(4, maxFailures);
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Counts one wrong try against the stored code and deletes the code once {@code maxFailures}
   * are reached.
   *
   * @return the wrong tries now recorded; {@code maxFailures} when no code is left
   */
  public int recordFailure(long userId, int maxFailures) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE sudo_codes SET failed_attempts = failed_attempts + 1"
                      + " WHERE user_id = ?")) {
            s.setLong(1, userId);
            if (s.executeUpdate() == 0) {
              return maxFailures;
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM sudo_codes WHERE user_id = ? AND failed_attempts >= ?")) {
            s.setLong(1, userId);
            s.setInt(2, maxFailures);
            if (s.executeUpdate() == 1) {
              return maxFailures;
            }
          }
          return get(userId).map(SudoCode::failedAttempts).orElse(maxFailures);
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
