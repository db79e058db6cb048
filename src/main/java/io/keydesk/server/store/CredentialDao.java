package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Security keys: insert, list per user, find by credential id, rename, record use, delete. */
public final class CredentialDao {
  private static final String COLUMNS =
      "id, user_id, credential_id, public_key_cose, name, created_at, last_used_at, aaguid,"
          + " transports, sign_count, backup_eligible, backup_state, possibly_cloned"
          + " FROM credentials";
  private final Database db;

  public CredentialDao(Database db) {
    this.db = db;
  }

  public void insert(StoredCredential k) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO credentials(id, user_id, credential_id, public_key_cose, name,"
                      + " created_at, last_used_at, aaguid, transports, sign_count,"
                      + " backup_eligible, backup_state, possibly_cloned)"
                      + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 0)")) {
            s.setString(1, k.id());
            s.setLong(2, k.userId());
            s.setBytes(3, k.credentialId().toArray());
            s.setBytes(4, k.publicKeyCose().toArray());
            s.setString(5, k.name());
            s.setLong(6, k.createdAt().toEpochMilli());
            s.setBytes(7, k.aaguid().toArray());
            s.setString(8, String.join(",", k.transports()));
            s.setLong(9, k.signCount());
            s.setBoolean(10, k.backupEligible());
            s.setBoolean(11, k.backupState());
            s.executeUpdate();
          }
        });
  }

  /** The user's keys, oldest first. */
  public List<StoredCredential> byUser(long userId) {
    return query(
        "SELECT " + COLUMNS + " WHERE user_id = ? ORDER BY created_at, id",
        s -> s.setLong(1, userId));
  }

  public int countByUser(long userId) {
    return byUser(userId).size();
  }

  public Optional<StoredCredential> byCredentialId(Bytes credentialId) {
    return query(
            "SELECT " + COLUMNS + " WHERE credential_id = ?",
            s -> s.setBytes(1, credentialId.toArray()))
        .stream()
        .findFirst();
  }

  public Optional<StoredCredential> byId(long userId, String id) {
    return query(
            "SELECT " + COLUMNS + " WHERE user_id = ? AND id = ?",
            s -> {
              s.setLong(1, userId);
              s.setString(2, id);
            })
        .stream()
        .findFirst();
  }

  public void rename(String id, String name) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement("UPDATE credentials SET name = ? WHERE id = ?")) {
            s.setString(1, name);
            s.setString(2, id);
            s.executeUpdate();
          }
        });
  }

  /** Records a successful assertion: new sign count, flags, time; sets the clone flag if asked. */
  public void recordUse(
      String id, long signCount, boolean backupState, boolean cloneSuspected, Instant now) {
    db.execute(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE credentials SET sign_count = MAX(sign_count, ?), backup_state = ?,"
                      + " last_used_at = ?, possibly_cloned = possibly_cloned OR ? WHERE id = ?")) {
            s.setLong(1, signCount);
            s.setBoolean(2, backupState);
            s.setLong(3, now.toEpochMilli());
            s.setBoolean(4, cloneSuspected);
            s.setString(5, id);
            s.executeUpdate();
          }
        });
  }

  public void delete(String id) {
    db.execute(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM credentials WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
          }
        });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private List<StoredCredential> query(String sql, Binder binder) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
              List<StoredCredential> keys = new ArrayList<>();
              while (r.next()) {
                keys.add(read(r));
              }
              return keys;
            }
          }
        });
  }

  private static StoredCredential read(ResultSet r) throws SQLException {
    long lastUsed = r.getLong(7);
    Optional<Instant> lastUsedAt =
        r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastUsed));
    String transports = r.getString(9);
    return new StoredCredential(
        r.getString(1),
        r.getLong(2),
        Bytes.of(r.getBytes(3)),
        Bytes.of(r.getBytes(4)),
        r.getString(5),
        Instant.ofEpochMilli(r.getLong(6)),
        lastUsedAt,
        Bytes.of(r.getBytes(8)),
        transports.isEmpty() ? List.of() : Arrays.asList(transports.split(",")),
        r.getLong(10),
        r.getBoolean(11),
        r.getBoolean(12),
        r.getBoolean(13));
  }
}
