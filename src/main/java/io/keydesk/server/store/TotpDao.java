package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The user's TOTP secret (RFC 6238), whether enrolment was confirmed, and the last time step used
 * (so each code is accepted once).
 */
public final class TotpDao {
  /** A stored TOTP configuration. */
  public record TotpRecord(Bytes secret, boolean confirmed, long lastStep) {}

  private final Database db;

  public TotpDao(Database db) {
    this.db = db;
  }

  public void put(long userId, Bytes secret, boolean confirmed) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO totp(user_id, secret, confirmed, last_step)"
                      + " VALUES (?, ?, ?, -1)")) {
            s.setLong(1, userId);
            s.setBytes(2, secret.toArray());
            s.setBoolean(3, confirmed);
            s.executeUpdate();
          }
        });
  }

  public Optional<TotpRecord> get(long userId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT secret, confirmed, last_step FROM totp WHERE user_id = ?")) {
            s.setLong(1, userId);
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? Optional.of(
                      new TotpRecord(Bytes.of(r.getBytes(1)), r.getBoolean(2), r.getLong(3)))
                  : Optional.empty();
            }
          }
        });
  }

  /** Whether TOTP is enrolled and confirmed. */
  public boolean isActive(long userId) {
    return get(userId).map(TotpRecord::confirmed).orElse(false);
  }

  /**
   * Records {@code step} as used (and confirms the enrolment when {@code confirm}) only if it is
   * later than the last used step, in one conditional update: of two requests racing with the same
   * code exactly one changes the row.
   *
   * @return true when this call used the step; false when it (or a later one) was already used
   */
  public boolean markUsed(long userId, long step, boolean confirm) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE totp SET last_step = ?, confirmed = confirmed OR ?"
                      + " WHERE user_id = ? AND last_step < ?")) {
            s.setLong(1, step);
            s.setBoolean(2, confirm);
            s.setLong(3, userId);
            s.setLong(4, step);
            return s.executeUpdate() == 1;
          }
        });
  }

  public void delete(long userId) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM totp WHERE user_id = ?")) {
            s.setLong(1, userId);
            s.executeUpdate();
          }
        });
  }
}
