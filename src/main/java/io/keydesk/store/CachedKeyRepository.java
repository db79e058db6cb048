package io.keydesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each account's cached key list. A list is replaced whole, in one transaction, together with the
 * account's {@code last_sync}: a failure half-way leaves the previous list and sync time.
 */
public final class CachedKeyRepository {
  private final CacheDatabase db;

  CachedKeyRepository(CacheDatabase db) {
    this.db = db;
  }

  /**
   * Replaces the account's whole key list with {@code keys}, synced now.
   *
   * @throws IllegalArgumentException if a credential id appears twice
   * @throws StoreException {@link StoreException.Kind#NOT_FOUND} if the account is gone
   */
  public CachedKeyList replace(long accountId, List<CachedKey> keys) {
    CachedKeyList list = new CachedKeyList(accountId, db.clock().instant(), keys);
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE accounts SET last_sync = ? WHERE id = ?")) {
            SqlValues.setInstant(ps, 1, list.syncedAt());
            ps.setLong(2, accountId);
            if (ps.executeUpdate() == 0) {
              throw AccountRepository.notFound(accountId);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM cached_keys WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            ps.executeUpdate();
          }
          insert(c, accountId, list.keys());
          return null;
        });
    return list;
  }

  /** The account's key list and when it was fetched; empty if never synced (or no account). */
  public Optional<CachedKeyList> find(long accountId) {
    return db.read(
        c -> {
          Optional<Instant> syncedAt;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT last_sync FROM accounts WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
              syncedAt = rs.next() ? SqlValues.optionalInstant(rs, "last_sync") : Optional.empty();
            }
          }
          if (syncedAt.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(new CachedKeyList(accountId, syncedAt.get(), keys(c, accountId)));
        });
  }

  private static void insert(Connection c, long accountId, List<CachedKey> keys)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO cached_keys (account_id, position, credential_id, name, created_at,"
                + " last_used, aaguid, transports, sign_count, backup_eligible, backup_state,"
                + " possibly_cloned, is_last, model)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (CachedKey key : keys) {
        ps.setLong(1, accountId);
        ps.setInt(2, position++);
        ps.setString(3, key.credentialId());
        ps.setString(4, key.name());
        SqlValues.setInstant(ps, 5, key.created());
        SqlValues.setInstant(ps, 6, key.lastUsed());
        SqlValues.setText(ps, 7, key.aaguid().map(UUID::toString));
        ps.setString(8, String.join(CachedKey.TRANSPORT_SEPARATOR, key.transports()));
        SqlValues.setLong(ps, 9, key.signCount());
        SqlValues.setBoolean(ps, 10, key.backupEligible());
        SqlValues.setBoolean(ps, 11, key.backupState());
        ps.setInt(12, key.possiblyCloned() ? 1 : 0);
        ps.setInt(13, key.isLast() ? 1 : 0);
        SqlValues.setText(ps, 14, key.model());
        ps.executeUpdate();
      }
    }
  }

  private static List<CachedKey> keys(Connection c, long accountId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM cached_keys WHERE account_id = ? ORDER BY position")) {
      ps.setLong(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        List<CachedKey> keys = new ArrayList<>();
        while (rs.next()) {
          keys.add(map(rs));
        }
        return keys;
      }
    }
  }

  private static CachedKey map(ResultSet rs) throws SQLException {
    String transports = rs.getString("transports");
    return new CachedKey(
        rs.getString("credential_id"),
        rs.getString("name"),
        SqlValues.optionalInstant(rs, "created_at"),
        SqlValues.optionalInstant(rs, "last_used"),
        SqlValues.optionalUuid(rs, "aaguid"),
        transports.isEmpty()
            ? List.of()
            : Arrays.asList(transports.split(CachedKey.TRANSPORT_SEPARATOR)),
        SqlValues.optionalLong(rs, "sign_count"),
        SqlValues.optionalBoolean(rs, "backup_eligible"),
        SqlValues.optionalBoolean(rs, "backup_state"),
        rs.getInt("possibly_cloned") != 0,
        rs.getInt("is_last") != 0,
        SqlValues.optionalText(rs, "model"));
  }
}
