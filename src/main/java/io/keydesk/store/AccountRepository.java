package io.keydesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The accounts table: one row per (RP URL, username). Removing an account drops its key list. */
public final class AccountRepository {
  private static final String COLUMNS =
      "id, rp_url, username, pinned_fingerprint, last_sync, created_at";

  private final CacheDatabase db;

  AccountRepository(CacheDatabase db) {
    this.db = db;
  }

  /**
   * Adds an account, created now.
   *
   * @throws StoreException {@link StoreException.Kind#DUPLICATE} if it is already there
   */
  public Account add(String rpUrl, String username, Optional<String> pinnedFingerprint) {
    Account draft =
        new Account(0, rpUrl, username, pinnedFingerprint, Optional.empty(), db.clock().instant());
    try {
      long id =
          db.write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO accounts (rp_url, username, pinned_fingerprint, created_at)"
                            + " VALUES (?, ?, ?, ?) RETURNING id")) {
                  ps.setString(1, draft.rpUrl());
                  ps.setString(2, draft.username());
                  SqlValues.setText(ps, 3, draft.pinnedFingerprint());
                  SqlValues.setInstant(ps, 4, draft.createdAt());
                  try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }
              });
      return new Account(
          id, rpUrl, username, draft.pinnedFingerprint(), Optional.empty(), draft.createdAt());
    } catch (StoreException e) {
      // the only constraint an insert can break here is UNIQUE (rp_url, username)
      throw e.kind() == StoreException.Kind.DUPLICATE ? duplicate(rpUrl, username, e) : e;
    }
  }

  public Optional<Account> find(long id) {
    return db.read(c -> one(c, "SELECT " + COLUMNS + " FROM accounts WHERE id = ?", id));
  }

  public Optional<Account> find(String rpUrl, String username) {
    return db.read(
        c ->
            one(
                c,
                "SELECT " + COLUMNS + " FROM accounts WHERE rp_url = ? AND username = ?",
                rpUrl,
                username));
  }

  /** Every account, by RP URL then username. */
  public List<Account> list() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT " + COLUMNS + " FROM accounts ORDER BY rp_url, username");
              ResultSet rs = ps.executeQuery()) {
            List<Account> accounts = new ArrayList<>();
            while (rs.next()) {
              accounts.add(map(rs));
            }
            return accounts;
          }
        });
  }

  /**
   * Pins (or, with empty, unpins) the RP's certificate fingerprint.
   *
   * @throws StoreException {@link StoreException.Kind#NOT_FOUND} if the account is gone
   */
  public Account updatePinnedFingerprint(long id, Optional<String> fingerprint) {
    Optional<String> normalized = fingerprint.map(Account::requireFingerprint);
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE accounts SET pinned_fingerprint = ? WHERE id = ?")) {
            SqlValues.setText(ps, 1, normalized);
            ps.setLong(2, id);
            if (ps.executeUpdate() == 0) {
              throw notFound(id);
            }
          }
          return one(c, "SELECT " + COLUMNS + " FROM accounts WHERE id = ?", id)
              .orElseThrow(() -> notFound(id));
        });
  }

  /** Removes the account with its cached keys; events keep their row without the account. */
  public boolean remove(long id) {
    return db.write(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
          }
        });
  }

  static StoreException notFound(long id) {
    return new StoreException(
        StoreException.Kind.NOT_FOUND,
        "Account " + id + " is not in the local cache any more. Refresh the account list.");
  }

  private static StoreException duplicate(String rpUrl, String username, Throwable cause) {
    return new StoreException(
        StoreException.Kind.DUPLICATE,
        "The account " + username + " at " + rpUrl + " is already in KeyDesk.",
        cause);
  }

  private static Optional<Account> one(Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  private static Account map(ResultSet rs) throws SQLException {
    return new Account(
        rs.getLong("id"),
        rs.getString("rp_url"),
        rs.getString("username"),
        SqlValues.optionalText(rs, "pinned_fingerprint"),
        SqlValues.optionalInstant(rs, "last_sync"),
        SqlValues.instant(rs, "created_at"));
  }
}
