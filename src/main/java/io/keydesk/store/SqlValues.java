package io.keydesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Column conversions shared by the repositories: instants as epoch millis, booleans as 0/1. */
final class SqlValues {
  private SqlValues() {}

  /** The cache keeps millisecond precision; records truncate so what is stored is what is read. */
  static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static Optional<Instant> millis(Optional<Instant> instant) {
    return instant.map(SqlValues::millis);
  }

  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setLong(index, value.toEpochMilli());
  }

  static void setInstant(PreparedStatement ps, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setLong(index, value.get().toEpochMilli());
    } else {
      ps.setNull(index, Types.INTEGER);
    }
  }

  static void setText(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
    ps.setString(index, value.orElse(null));
  }

  static void setLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
    if (value.isPresent()) {
      ps.setLong(index, value.get());
    } else {
      ps.setNull(index, Types.INTEGER);
    }
  }

  static void setBoolean(PreparedStatement ps, int index, Optional<Boolean> value)
      throws SQLException {
    if (value.isPresent()) {
      ps.setInt(index, value.get() ? 1 : 0);
    } else {
      ps.setNull(index, Types.INTEGER);
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    return optionalLong(rs, column).map(Instant::ofEpochMilli);
  }

  static Optional<String> optionalText(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<Boolean> optionalBoolean(ResultSet rs, String column) throws SQLException {
    return optionalLong(rs, column).map(v -> v != 0);
  }

  static Optional<UUID> optionalUuid(ResultSet rs, String column) throws SQLException {
    return optionalText(rs, column).map(UUID::fromString);
  }
}
