package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN.md: SQLite holds no secret. A column whose name suggests one fails the build. */
class NoSecretsInSchemaTest {
  /** Whole words of a snake_case name: "pinned_fingerprint" is fine, "user_pin" is not. */
  private static final Set<String> SUSPICIOUS =
      Set.of(
          "password",
          "passwd",
          "pass",
          "pin",
          "pins",
          "token",
          "tokens",
          "secret",
          "secrets",
          "session",
          "cookie",
          "private",
          "privkey",
          "key_handle",
          "otp",
          "totp",
          "seed");

  @TempDir Path dir;

  static IntStream everyVersion() {
    return IntStream.rangeClosed(1, Migrations.CURRENT_VERSION);
  }

  @ParameterizedTest(name = "schema version {0}")
  @MethodSource("everyVersion")
  void noTableOrColumnIsNamedLikeASecret(int version) throws Exception {
    Path file = dir.resolve("v" + version + ".db");
    RawSqlite.buildAtVersion(file, version);
    List<String> offenders = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (RawSqlite raw = new RawSqlite(file)) {
      for (String table : raw.tables()) {
        names.add(table);
        for (String column : raw.columns(table)) {
          names.add(table + "." + column);
        }
      }
    }
    for (String name : names) {
      if (suspicious(name)) {
        offenders.add(name);
      }
    }
    assertThat(names).contains("accounts.pinned_fingerprint"); // the scan sees real columns
    assertThat(offenders).as("columns that look like they hold a secret").isEmpty();
  }

  @Test
  void theScanCatchesSecretLookingNames() {
    assertThat(suspicious("accounts.session_token")).isTrue();
    assertThat(suspicious("devices.user_pin")).isTrue();
    assertThat(suspicious("accounts.password")).isTrue();
    assertThat(suspicious("creds.private_key")).isTrue();
    assertThat(suspicious("clientSecret")).isTrue();
    assertThat(suspicious("accounts.pinned_fingerprint")).isFalse();
    assertThat(suspicious("cached_keys.sign_count")).isFalse();
  }

  private static boolean suspicious(String qualifiedName) {
    // split snake_case, camelCase and the table.column dot into lowercase words
    String spaced = qualifiedName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    List<String> words = Arrays.asList(spaced.split("[._]"));
    for (int i = 0; i < words.size(); i++) {
      if (SUSPICIOUS.contains(words.get(i))
          || (i + 1 < words.size() && SUSPICIOUS.contains(words.get(i) + "_" + words.get(i + 1)))) {
        return true;
      }
    }
    return false;
  }
}
