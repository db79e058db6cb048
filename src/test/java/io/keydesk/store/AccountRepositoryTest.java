package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountRepositoryTest {
  private static final String FINGERPRINT =
      "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
  private static final String FINGERPRINT_HEX = FINGERPRINT.replace(":", "").toLowerCase();

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(CacheTestTime.T0);
  private CacheDatabase db;
  private AccountRepository accounts;

  @BeforeEach
  void open() {
    db = CacheDatabase.open(dir.resolve("keydesk.db"), clock);
    accounts = db.accounts();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void addFindAndList() {
    Account bob = accounts.add("https://rp.example", "bob", Optional.empty());
    clock.advance(Duration.ofSeconds(1));
    Account alice = accounts.add("https://rp.example", "alice", Optional.of(FINGERPRINT));
    Account zed = accounts.add("https://a.example", "zed", Optional.empty());

    assertThat(alice.id()).isPositive().isNotEqualTo(bob.id());
    assertThat(alice.pinnedFingerprint()).contains(FINGERPRINT_HEX);
    assertThat(alice.createdAt()).isEqualTo(CacheTestTime.T0.plusSeconds(1));
    assertThat(alice.lastSync()).isEmpty();
    assertThat(accounts.find(alice.id())).contains(alice);
    assertThat(accounts.find("https://rp.example", "alice")).contains(alice);
    assertThat(accounts.find("https://rp.example", "carol")).isEmpty();
    assertThat(accounts.find(9999)).isEmpty();
    assertThat(accounts.list()).containsExactly(zed, alice, bob); // by RP URL, then username
  }

  @Test
  void theSameUserAtTheSameRpCannotBeAddedTwice() {
    accounts.add("https://rp.example", "alice", Optional.empty());
    assertThatThrownBy(() -> accounts.add("https://rp.example", "alice", Optional.empty()))
        .isInstanceOf(StoreException.class)
        .hasMessage("The account alice at https://rp.example is already in KeyDesk.")
        .extracting(e -> ((StoreException) e).kind())
        .isEqualTo(StoreException.Kind.DUPLICATE);
    // same user elsewhere is another account
    accounts.add("https://other.example", "alice", Optional.empty());
    assertThat(accounts.list()).hasSize(2);
  }

  @Test
  void pinAndUnpinTheCertificateFingerprint() {
    Account alice = accounts.add("https://rp.example", "alice", Optional.empty());
    assertThat(accounts.updatePinnedFingerprint(alice.id(), Optional.of(FINGERPRINT_HEX)))
        .extracting(Account::pinnedFingerprint)
        .isEqualTo(Optional.of(FINGERPRINT_HEX));
    assertThat(accounts.updatePinnedFingerprint(alice.id(), Optional.empty()).pinnedFingerprint())
        .isEmpty();
    assertThatThrownBy(() -> accounts.updatePinnedFingerprint(4242, Optional.empty()))
        .isInstanceOf(StoreException.class)
        .hasMessage("Account 4242 is not in the local cache any more. Refresh the account list.");
  }

  @Test
  void aFingerprintMustBeASha256() {
    assertThatThrownBy(() -> accounts.add("https://rp.example", "alice", Optional.of("abc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("A certificate fingerprint is the SHA-256 of the certificate");
    assertThat(accounts.list()).isEmpty();
  }

  @Test
  void removingAnAccountDropsItsKeysButKeepsItsEvents() {
    Account alice = accounts.add("https://rp.example", "alice", Optional.empty());
    db.cachedKeys().replace(alice.id(), List.of(CachedKey.of("cred", "Blue")));
    db.eventLog().append(Event.ok("key.add").forAccount(alice.id()).forKey("cred", "Blue"));

    assertThat(accounts.remove(alice.id())).isTrue();
    assertThat(accounts.remove(alice.id())).isFalse();

    assertThat(accounts.find(alice.id())).isEmpty();
    assertThat(db.cachedKeys().find(alice.id())).isEmpty();
    assertThat(db.<Long>read(c -> count(c, "cached_keys"))).isZero();
    LoggedEvent event = db.eventLog().newest(1).get(0);
    assertThat(event.event().accountId()).isEmpty();
    assertThat(event.event().keyName()).contains("Blue");
  }

  static long count(java.sql.Connection c, String table) throws java.sql.SQLException {
    try (var ps = c.prepareStatement("SELECT count(*) FROM " + table);
        var rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
