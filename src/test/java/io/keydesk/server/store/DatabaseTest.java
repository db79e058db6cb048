package io.keydesk.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  private static String pragma(Database db, String sql) {
    return db.inTransaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
          }
        });
  }

  @Test
  void migratesOnceInWalModeAndReopens() {
    try (Database db = Database.open(dir)) {
      assertThat(pragma(db, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(pragma(db, "SELECT MAX(version) FROM schema_migrations"))
          .isEqualTo(Integer.toString(Migrations.STEPS.size()));
      new UserDao(db)
          .insert(
              UserKind.ACCOUNT, "a@b.c", Optional.of("h"), Bytes.of(new byte[64]), Instant.EPOCH);
    }
    try (Database db = Database.open(dir)) {
      assertThat(pragma(db, "SELECT COUNT(*) FROM schema_migrations"))
          .isEqualTo(Integer.toString(Migrations.STEPS.size()));
      assertThat(new UserDao(db).byEmail(UserKind.ACCOUNT, "a@b.c")).isPresent();
    }
  }

  @Test
  void closingAUserDeletesItsKeysAndAFailedTransactionRollsBack() {
    try (Database db = Database.open(dir)) {
      UserDao users = new UserDao(db);
      User user =
          users.insert(
              UserKind.ACCOUNT, "a@b.c", Optional.empty(), Bytes.of(new byte[64]), Instant.EPOCH);
      assertThatThrownBy(
              () ->
                  db.execute(
                      c -> {
                        users.updateEmail(user.id(), "changed@b.c");
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThat(users.byId(user.id()).orElseThrow().email()).isEqualTo("a@b.c");
      new TotpDao(db).put(user.id(), Bytes.of(new byte[20]), true);
      users.delete(user.id());
      assertThat(new TotpDao(db).get(user.id())).isEmpty();
    }
  }
}
