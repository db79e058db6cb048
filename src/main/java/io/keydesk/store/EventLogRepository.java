package io.keydesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;

/** The append-only log of changes made through KeyDesk. */
public final class EventLogRepository {
  private static final String SELECT =
      "SELECT id, occurred_at, account_id, action, key_id, key_name, result, message"
          + " FROM event_log";

  private final CacheDatabase db;

  EventLogRepository(CacheDatabase db) {
    this.db = db;
  }

  /** Appends the event, stamped now. */
  public LoggedEvent append(Event event) {
    Instant now = SqlValues.millis(db.clock().instant());
    long id =
        db.write(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO event_log (occurred_at, account_id, action, key_id, key_name,"
                          + " result, message) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                SqlValues.setInstant(ps, 1, now);
                SqlValues.setLong(ps, 2, event.accountId());
                ps.setString(3, event.action());
                SqlValues.setText(ps, 4, event.keyId());
                SqlValues.setText(ps, 5, event.keyName());
                ps.setString(6, event.result().name());
                SqlValues.setText(ps, 7, event.message());
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              } catch (SQLException e) {
                if (event.accountId().isPresent() && isForeignKeyFailure(e)) {
                  throw AccountRepository.notFound(event.accountId().get());
                }
                throw e;
              }
            });
    return new LoggedEvent(id, now, event);
  }

  /** The latest {@code limit} events, newest first (same instant: last appended first). */
  public List<LoggedEvent> newest(int limit) {
    return list(SELECT + " ORDER BY occurred_at DESC, id DESC LIMIT ?", Optional.empty(), limit);
  }

  /** The latest {@code limit} events of one account, newest first. */
  public List<LoggedEvent> newestForAccount(long accountId, int limit) {
    return list(
        SELECT + " WHERE account_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?",
        Optional.of(accountId),
        limit);
  }

  private List<LoggedEvent> list(String sql, Optional<Long> accountId, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int index = 1;
            if (accountId.isPresent()) {
              ps.setLong(index++, accountId.get());
            }
            ps.setInt(index, limit);
            try (ResultSet rs = ps.executeQuery()) {
              List<LoggedEvent> events = new ArrayList<>();
              while (rs.next()) {
                events.add(map(rs));
              }
              return events;
            }
          }
        });
  }

  private static boolean isForeignKeyFailure(SQLException e) {
    return CacheDatabase.isConstraint(e, SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY);
  }

  private static LoggedEvent map(ResultSet rs) throws SQLException {
    Event event =
        new Event(
            SqlValues.optionalLong(rs, "account_id"),
            rs.getString("action"),
            SqlValues.optionalText(rs, "key_id"),
            SqlValues.optionalText(rs, "key_name"),
            EventResult.valueOf(rs.getString("result")),
            SqlValues.optionalText(rs, "message"));
    return new LoggedEvent(rs.getLong("id"), SqlValues.instant(rs, "occurred_at"), event);
  }
}
