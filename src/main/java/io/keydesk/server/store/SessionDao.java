package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Sessions by token hash. */
public final class SessionDao {
  private final Database db;

  public SessionDao(Database db) {
    this.db = db;
  }

  public void insert(Session session) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO sessions(token_hash, user_id, created_at, expires_at, sudo_until)"
                      + " VALUES (?, ?, ?, ?, NULL)")) {
            s.setBytes(1, session.tokenHash().toArray());
            s.setLong(2, session.userId());
            s.setLong(3, session.createdAt().toEpochMilli());
            s.setLong(4, session.expiresAt().toEpochMilli());
            s.executeUpdate();
          }
        });
  }

  public Optional<Session> byTokenHash(Bytes tokenHash) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT user_id, created_at, expires_at, sudo_until FROM sessions"
                      + " WHERE token_hash = ?")) {
            s.setBytes(1, tokenHash.toArray());
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              long sudo = r.getLong(4);
              Optional<Instant> sudoUntil =
                  r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sudo));
              return Optional.of(
                  new Session(
                      tokenHash,
                      r.getLong(1),
                      Instant.ofEpochMilli(r.getLong(2)),
                      Instant.ofEpochMilli(r.getLong(3)),
                      sudoUntil));
            }
          }
        });
  }

  public void openSudo(Bytes tokenHash, Instant until) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE sessions SET sudo_until = ? WHERE token_hash = ?")) {
            s.setLong(1, until.toEpochMilli());
            s.setBytes(2, tokenHash.toArray());
            s.executeUpdate();
          }
        });
  }

  public void delete(Bytes tokenHash) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
            s.setBytes(1, tokenHash.toArray());
            s.executeUpdate();
          }
        });
  }

  /** Ends every session of the user except {@code keep} (after a password change). */
  public void deleteOthers(long userId, Bytes keep) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?")) {
            s.setLong(1, userId);
            s.setBytes(2, keep.toArray());
            s.executeUpdate();
          }
        });
  }

  public void deleteExpired(Instant now) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
            s.setLong(1, now.toEpochMilli());
            s.executeUpdate();
          }
        });
  }
}
