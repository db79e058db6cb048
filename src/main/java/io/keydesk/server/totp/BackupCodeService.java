package io.keydesk.server.totp;

import io.keydesk.cbor.Bytes;
import io.keydesk.server.account.CodeMac;
import io.keydesk.server.account.Secrets;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.store.BackupCodeDao;
import io.keydesk.server.store.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ten single-use backup codes of ten characters from a 31-letter alphabet without look-alikes (49
 * bits each), shown once and stored as HMAC-SHA-256 under the server's code key ({@link CodeMac},
 * bound to the user): a stolen database alone does not reveal them. High entropy makes a fast keyed
 * hash sufficient. Codes made before the key existed (plain SHA-256) keep working until used or
 * replaced.
 */
public final class BackupCodeService {
  public static final int COUNT = 10;
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final int LENGTH = 10;
  private static final String PURPOSE = "backup-code";

  private final BackupCodeDao codes;
  private final CodeMac mac;
  private final Clock clock;

  public BackupCodeService(BackupCodeDao codes, CodeMac mac, Clock clock) {
    this.codes = codes;
    this.mac = mac;
    this.clock = clock;
  }

  /** Replaces the user's codes with ten new ones and returns them (formatted "xxxxx-xxxxx"). */
  public List<String> regenerate(User user) {
    List<String> plain = new ArrayList<>();
    List<Bytes> hashes = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      StringBuilder code = new StringBuilder();
      for (int j = 0; j < LENGTH; j++) {
        code.append(ALPHABET.charAt(Secrets.randomBelow(ALPHABET.length())));
      }
      plain.add(code.substring(0, 5) + "-" + code.substring(5));
      hashes.add(mac.mac(PURPOSE, user.id(), code.toString()));
    }
    codes.replace(user.id(), hashes);
    return plain;
  }

  /** Uses up {@code code}; @throws ApiException invalid-code when it is unknown or used. */
  public void consume(User user, String code) {
    String normalised =
        code == null ? "" : code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    boolean used =
        codes.consume(
            user.id(),
            mac.mac(PURPOSE, user.id(), normalised),
            Secrets.sha256(normalised),
            clock.instant());
    if (!used) {
      throw new ApiException(
          ProblemType.INVALID_CODE, "The backup code is wrong or was already used.");
    }
  }

  public int remaining(User user) {
    return codes.remaining(user.id());
  }
}
