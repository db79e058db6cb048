package io.keydesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.keydesk.rp.LoginStep;
import io.keydesk.rp.RelyingPartyException;
import io.keydesk.rp.RpTestServer;
import io.keydesk.rp.TrustDecision;
import io.keydesk.rp.UntrustedCertificateException;
import io.keydesk.store.Account;
import io.keydesk.store.CacheDatabase;
import io.keydesk.store.DataDirectory;
import io.keydesk.store.EventResult;
import io.keydesk.store.LoggedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The account use cases the CLI and GUI share, against the reference RP over real HTTPS. */
class AccountServiceTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.SMTP.dynamicPort());

  static final String EMAIL = "ada@example.com";

  @TempDir Path serverDir;
  @TempDir Path dataDir;
  RpTestServer rp;
  CacheDatabase db;
  AccountService service;

  @BeforeEach
  void start() {
    rp = new RpTestServer(mail, serverDir);
    db = CacheDatabase.open(dataDir.resolve(DataDirectory.DATABASE_FILE_NAME), rp.clock);
    service = new AccountService(db);
  }

  @AfterEach
  void stop() {
    rp.close();
    db.close();
  }

  private Account addPinned() {
    rp.signUp(EMAIL);
    return service.addAccount(rp.url(), EMAIL, Optional.of(rp.server.fingerprint()));
  }

  @Test
  void addingAnAccountAtASelfSignedRpNeedsTheFingerprintConfirmed() {
    assertThatThrownBy(() -> service.addAccount(rp.url(), EMAIL, Optional.empty()))
        .isInstanceOfSatisfying(
            UntrustedCertificateException.class,
            e -> assertThat(e.fingerprint()).isEqualTo(TrustDecision.normalize(rp.server.fingerprint())));
    assertThat(service.accounts()).isEmpty();

    Account account = service.addAccount(rp.url() + "/", " " + EMAIL + " ", Optional.of(rp.server.fingerprint()));
    assertThat(account.rpUrl()).isEqualTo(rp.url());
    assertThat(account.username()).isEqualTo(EMAIL);
    assertThat(account.pinnedFingerprint()).contains(TrustDecision.normalize(rp.server.fingerprint()));
    assertThat(service.find(Optional.empty())).isEqualTo(account);
    assertThat(service.find(Optional.of(EMAIL))).isEqualTo(account);
    assertThat(service.log(account, 10)).extracting(e -> e.event().action()).containsExactly("account.add");
  }

  @Test
  void aMismatchedPinIsRefusedAtAddAndAtLogin() {
    assertThatThrownBy(() -> service.addAccount(rp.url(), EMAIL, Optional.of("11".repeat(32))))
        .isInstanceOfSatisfying(
            UntrustedCertificateException.class,
            e -> assertThat(e.reason()).isEqualTo(UntrustedCertificateException.Reason.PIN_MISMATCH));
    Account account = addPinned();
    db.accounts().updatePinnedFingerprint(account.id(), Optional.of("22".repeat(32)));
    Account changed = service.find(Optional.empty());
    assertThatThrownBy(() -> service.logIn(changed, new ScriptedPrompts(RpTestServer.PASSWORD), Optional.empty()))
        .isInstanceOf(UntrustedCertificateException.class);
    List<LoggedEvent> log = service.log(changed, 1);
    assertThat(log.get(0).event().result()).isEqualTo(EventResult.FAILED);
    assertThat(log.get(0).event().message().orElseThrow()).contains("not the one pinned");
  }

  @Test
  void passwordLoginSyncsTheEmptyListAndSudoOpensByEmailedCode() {
    Account account = addPinned();
    ScriptedPrompts prompts = new ScriptedPrompts(RpTestServer.PASSWORD);
    prompts.sudoCode = () -> rp.lastCode(EMAIL);
    try (AccountSession session = service.logIn(account, prompts, Optional.empty())) {
      AccountKeysView view = service.sync(session);
      assertThat(view.stale()).isFalse();
      assertThat(view.keys()).isEmpty();
      assertThat(view.twoFactorActive()).contains(false);
      assertThat(view.syncedAt()).contains(rp.clock.instant());
      assertThat(view.recommendation()).isEmpty();
      service.enterSudo(session, prompts);
      assertThat(service.status(session).sudoUntil()).contains(rp.clock.instant().plus(Duration.ofMinutes(30)));
    }
    assertThat(prompts.asked).containsExactly("password for " + EMAIL, "sudo code sent=true");
    assertThat(service.log(account, 10))
        .extracting(e -> e.event().action() + " " + e.event().result())
        .containsExactly("account.sudo OK", "account.sync OK", "account.login OK", "account.add OK");
  }

  @Test
  void wrongPasswordFailsClearlyAndIsLogged() {
    Account account = addPinned();
    assertThatThrownBy(() -> service.logIn(account, new ScriptedPrompts("not the password"), Optional.empty()))
        .isInstanceOf(RelyingPartyException.class)
        .hasMessage("The email address or the password is wrong. Check both and try again.");
    assertThatThrownBy(() -> service.logIn(account, new ScriptedPrompts(null), Optional.empty()))
        .isInstanceOfSatisfying(
            AccountActionException.class,
            e -> assertThat(e.kind()).isEqualTo(AccountActionException.Kind.CANCELLED));
  }

  @Test
  void totpLoginAndTheKeyMethodWithoutAKey() {
    Account account = addPinned();
    byte[] secret;
    try (AccountSession session = service.logIn(account, new ScriptedPrompts(RpTestServer.PASSWORD), Optional.empty())) {
      secret = rp.enrolTotp(session.rpSession(), EMAIL);
    }
    ScriptedPrompts prompts = new ScriptedPrompts(RpTestServer.PASSWORD);
    prompts.secondFactor = () -> Optional.of(new SecondFactor.Totp(" " + rp.totp(secret, 1) + " "));
    try (AccountSession session = service.logIn(account, prompts, Optional.empty())) {
      assertThat(service.status(session).twoFactor().totp()).isTrue();
    }
    assertThat(prompts.asked).containsExactly("password for " + EMAIL, "second factor [totp] key=false");
    assertThat(service.log(account, 1).get(0).event().message()).contains("by authenticator app code");

    prompts.secondFactor = () -> Optional.of(new SecondFactor.UseSecurityKey());
    assertThatThrownBy(() -> service.logIn(account, prompts, Optional.empty()))
        .hasMessage("This account has no security key registered; log in with totp.");
  }

  @Test
  void rpDownShowsTheCachedListStaleAndRefusesChanges() {
    Account account = addPinned();
    ScriptedPrompts prompts = new ScriptedPrompts(RpTestServer.PASSWORD);
    AccountKeysView online = service.currentKeys(account, a -> service.logIn(a, prompts, Optional.empty()));
    assertThat(online.stale()).isFalse();
    var syncedAt = online.syncedAt().orElseThrow();
    rp.close();
    rp.clock.advance(Duration.ofMinutes(5));

    ScriptedPrompts offlinePrompts = new ScriptedPrompts(RpTestServer.PASSWORD);
    AccountKeysView offline =
        service.currentKeys(account, a -> service.logIn(a, offlinePrompts, Optional.empty()));
    assertThat(offline.stale()).isTrue();
    assertThat(offline.syncedAt()).contains(syncedAt);
    assertThat(offline.staleNotice())
        .contains("Showing the list from " + syncedAt + ". The server can't be reached right now.");
    assertThat(offline.offlineReason().orElseThrow()).contains("can't be reached");
    assertThat(offlinePrompts.asked).as("no password asked while offline").isEmpty();

    assertThatThrownBy(() -> service.logIn(account, offlinePrompts, Optional.empty()))
        .isInstanceOfSatisfying(
            AccountActionException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(AccountActionException.Kind.OFFLINE);
              assertThat(e.getMessage()).contains("can't be reached, so nothing was changed");
            });
    assertThat(offlinePrompts.asked).as("no password asked while offline").isEmpty();
  }

  @Test
  void aCorruptCacheIsRebuiltAndTheServiceWorksOnTheNewOne() throws Exception {
    db.close();
    Path file = dataDir.resolve(DataDirectory.DATABASE_FILE_NAME);
    Files.write(file, "this is not a SQLite database, just garbage bytes......".repeat(20).getBytes());
    try (CacheDatabase rebuilt = CacheDatabase.open(file, rp.clock)) {
      AccountService fresh = new AccountService(rebuilt);
      assertThat(fresh.rebuildNotice()).isPresent();
      assertThat(fresh.rebuildNotice().get().message()).contains("was damaged").contains("rebuilt");
      assertThat(fresh.accounts()).isEmpty();
      rp.signUp(EMAIL);
      Account account = fresh.addAccount(rp.url(), EMAIL, Optional.of(rp.server.fingerprint()));
      assertThat(fresh.find(Optional.empty())).isEqualTo(account);
    }
  }

  @Test
  void keyNamesAreCheckedBeforeAnyRequest() {
    assertThat(AccountService.checkName("  Blue  ")).isEqualTo("Blue");
    assertThatThrownBy(() -> AccountService.checkName("  "))
        .hasMessage("A key name must be 1 to 100 characters; got an empty name.");
    assertThatThrownBy(() -> AccountService.checkName("x".repeat(101)))
        .hasMessage("A key name must be 1 to 100 characters; got 101 characters.");
  }

  @Test
  void originIsTheRpsWebOrigin() {
    Account account = addPinned();
    assertThat(AccountService.origin(account)).isEqualTo(rp.url());
    assertThat(LoginStep.SECURITY_KEY).isEqualTo("security_key");
  }
}
