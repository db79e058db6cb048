package io.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.server.account.CodeMac;
import io.keydesk.server.account.Secrets;
import io.keydesk.server.store.Database;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.store.UserKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Emailed and backup codes are stored as HMAC-SHA-256 under an owner-only server key. */
class CodeStorageApiTest extends ApiTestBase {
  private static final String EMAIL = "cora@example.com";

  private byte[] key() throws Exception {
    Path file = dir.resolve("code-mac.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    byte[] key = Files.readAllBytes(file);
    assertThat(key).hasSize(32);
    return key;
  }

  /** Our own HMAC (javax.crypto directly), independent of CodeMac. */
  private static byte[] hmac(byte[] key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static List<byte[]> column(Database db, String sql, long userId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, userId);
            List<byte[]> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.add(r.getBytes(1));
              }
            }
            return rows;
          }
        });
  }

  @Test
  void sudoAndBackupCodesAreKeyedHashesNotPlainSha256() throws Exception {
    String token = rp.account(EMAIL);
    rp.post("/api/v1/sudo/code", token, null).expect(200);
    String code = rp.lastCode(EMAIL);
    byte[] key = key();
    try (Database db = Database.open(dir)) {
      long userId = new UserDao(db).byEmail(UserKind.ACCOUNT, EMAIL).orElseThrow().id();
      byte[] stored =
          column(db, "SELECT code_hash FROM sudo_codes WHERE user_id = ?", userId).get(0);
      assertThat(stored).isEqualTo(hmac(key, "sudo-code\0" + userId + "\0" + code));
      assertThat(stored).isNotEqualTo(Secrets.sha256(userId + ":" + code).toArray());

      rp.post("/api/v1/sudo", token, Map.of("code", code)).expect(200);
      List<String> codes = new ArrayList<>();
      rp.post("/api/v1/backup-codes", token, null)
          .expect(200)
          .body()
          .path("codes")
          .forEach(c -> codes.add(c.asText().replace("-", "")));
      List<Bytes> rows = new ArrayList<>();
      column(db, "SELECT code_hash FROM backup_codes WHERE user_id = ?", userId)
          .forEach(b -> rows.add(Bytes.of(b)));
      List<Bytes> expected = new ArrayList<>();
      for (String c : codes) {
        expected.add(Bytes.of(hmac(key, "backup-code\0" + userId + "\0" + c)));
        assertThat(rows).doesNotContain(Secrets.sha256(c));
      }
      assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void theKeySurvivesARestartAndLegacyBackupCodesStillWorkOnce() throws Exception {
    String token = rp.account(EMAIL);
    rp.sudo(token, EMAIL);
    rp.post("/api/v1/backup-codes", token, null).expect(200);
    byte[] before = key();
    rp.close();
    rp = new RpHarness(mail, dir);
    assertThat(key()).isEqualTo(before);
    assertThat(CodeMac.loadOrCreate(dir).mac("x", 1, "y"))
        .isEqualTo(new CodeMac(Bytes.of(before)).mac("x", 1, "y"));

    // A code stored by the old scheme (plain SHA-256 of the normalised code).
    try (Database db = Database.open(dir)) {
      long userId = new UserDao(db).byEmail(UserKind.ACCOUNT, EMAIL).orElseThrow().id();
      db.execute(
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO backup_codes(user_id, code_hash, used_at, scheme)"
                        + " VALUES (?, ?, NULL, 0)")) {
              s.setLong(1, userId);
              s.setBytes(2, Secrets.sha256("legacy2345").toArray());
              s.executeUpdate();
            }
          });
    }
    // Two-factor needs a key or TOTP; confirm TOTP via sudo to make the second step appear.
    String token2 = rp.login(EMAIL).expect(201).text("token");
    rp.sudo(token2, EMAIL);
    var started = rp.post("/api/v1/totp", token2, null).expect(200);
    byte[] secret = com.google.common.io.BaseEncoding.base32().decode(started.text("secret"));
    rp.post(
            "/api/v1/totp/confirm",
            token2,
            Map.of("code", RfcTotp.generate(secret, rp.clock.instant().getEpochSecond(), 6)))
        .expect(200);
    String loginId = rp.login(EMAIL).expect(200).text("loginId");
    rp.post("/api/v1/sessions/backup-code", null, Map.of("loginId", loginId, "code", "LEGAC-Y2345"))
        .expect(201);
    String again = rp.login(EMAIL).expect(200).text("loginId");
    rp.post("/api/v1/sessions/backup-code", null, Map.of("loginId", again, "code", "legacy2345"))
        .expectProblem(400, "invalid-code");
  }
}
