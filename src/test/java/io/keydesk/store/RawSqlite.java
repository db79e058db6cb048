package io.keydesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC on a cache file, bypassing CacheDatabase, to build and inspect files in tests. */
final class RawSqlite implements AutoCloseable {
  final Connection connection;

  RawSqlite(Path file) throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  /** Builds a file at {@code version} from the frozen SQL of each step, like an old KeyDesk did. */
  static void buildAtVersion(Path file, int version) throws SQLException {
    try (RawSqlite db = new RawSqlite(file)) {
      db.connection.setAutoCommit(false);
      Migrations.apply(db.connection, 0, version);
      db.connection.commit();
    }
  }

  void exec(String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.executeUpdate(sql);
      }
    }
  }

  String text(String sql) throws SQLException {
    List<List<String>> rows = rows(sql);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  List<List<String>> rows(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  List<String> tables() throws SQLException {
    return rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").stream()
        .map(r -> r.get(0))
        .toList();
  }

  List<String> columns(String table) throws SQLException {
    return rows("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid").stream()
        .map(r -> r.get(0))
        .toList();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
