package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/** Users: insert, look up by id, email or user handle, change email/password, delete. */
public final class UserDao {
  private static final String COLUMNS =
      "id, kind, email, password_hash, user_handle, created_at FROM users";
  private final Database db;

  public UserDao(Database db) {
    this.db = db;
  }

  /** Inserts a user; returns it with its id. The caller checks the email is free first. */
  public User insert(
      UserKind kind, String email, Optional<String> passwordHash, Bytes handle, Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO users(kind, email, password_hash, user_handle, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, kind.column);
            s.setString(2, email);
            s.setString(3, passwordHash.orElse(null));
            s.setBytes(4, handle.toArray());
            s.setLong(5, now.toEpochMilli());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              keys.next();
              return new User(keys.getLong(1), kind, email, passwordHash, handle, now);
            }
          }
        });
  }

  public Optional<User> byId(long id) {
    return one("SELECT " + COLUMNS + " WHERE id = ?", s -> s.setLong(1, id));
  }

  public Optional<User> byEmail(UserKind kind, String email) {
    return one(
        "SELECT " + COLUMNS + " WHERE kind = ? AND email = ?",
        s -> {
          s.setString(1, kind.column);
          s.setString(2, email);
        });
  }

  public Optional<User> byUserHandle(Bytes handle) {
    return one("SELECT " + COLUMNS + " WHERE user_handle = ?", s -> s.setBytes(1, handle.toArray()));
  }

  public void updateEmail(long id, String email) {
    update("UPDATE users SET email = ? WHERE id = ?", email, id);
  }

  public void updatePasswordHash(long id, String hash) {
    update("UPDATE users SET password_hash = ? WHERE id = ?", hash, id);
  }

  /** Deletes the user; sessions, keys, codes and TOTP go with it (ON DELETE CASCADE). */
  public void delete(long id) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
        });
  }

  private void update(String sql, String value, long id) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setLong(2, id);
            s.executeUpdate();
          }
        });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private Optional<User> one(String sql, Binder binder) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new User(
                      r.getLong(1),
                      UserKind.fromColumn(r.getString(2)),
                      r.getString(3),
                      Optional.ofNullable(r.getString(4)),
                      Bytes.of(r.getBytes(5)),
                      Instant.ofEpochMilli(r.getLong(6))));
            }
          }
        });
  }
}
