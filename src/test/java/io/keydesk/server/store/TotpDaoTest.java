package io.keydesk.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "each TOTP step once" rule is a conditional update, so two racing requests cannot both win.
 */
class TotpDaoTest {
  @TempDir Path dir;

  @Test
  void markUsedChangesTheRowOnlyForALaterStep() {
    try (Database db = Database.open(dir)) {
      long user =
          new UserDao(db)
              .insert(
                  UserKind.ACCOUNT,
                  "t@example.com",
                  Optional.of("h"),
                  Bytes.of(new byte[64]),
                  Instant.EPOCH)
              .id();
      TotpDao totp = new TotpDao(db);
      totp.put(user, Bytes.of(new byte[20]), false);

      // Two requests that both read last_step = -1 and then both try to use step 5.
      assertThat(totp.markUsed(user, 5, true)).isTrue();
      assertThat(totp.markUsed(user, 5, true)).isFalse();
      assertThat(totp.markUsed(user, 4, false)).isFalse();
      assertThat(totp.get(user).orElseThrow().lastStep()).isEqualTo(5);
      assertThat(totp.get(user).orElseThrow().confirmed()).isTrue();

      assertThat(totp.markUsed(user, 6, false)).isTrue();
      assertThat(totp.get(user).orElseThrow().lastStep()).isEqualTo(6);
      assertThat(totp.markUsed(user + 1, 7, false)).isFalse(); // no such row
    }
  }
}
