package io.keydesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.rp.RpTestServer;
import io.keydesk.rp.SecurityKey;
import io.keydesk.store.Account;
import io.keydesk.store.CacheDatabase;
import io.keydesk.store.CachedKey;
import io.keydesk.store.DataDirectory;
import io.keydesk.webauthn.PinRequest;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.UvRequest;
import io.keydesk.webauthn.WebAuthnClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole story through the services the CLI uses, with two software authenticators in-process
 * as the keys: add account, add a key (sudo by emailed code), log in with it, rename, add a
 * second, remove the first, remove the last with the 2FA-off warning.
 */
class AccountKeyStoryTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.SMTP.dynamicPort());

  static final String EMAIL = "ada@example.com";

  @TempDir Path serverDir;
  @TempDir Path dataDir;
  RpTestServer rp;
  CacheDatabase db;
  AccountService service;
  final List<SoftwareAuthenticator> authenticators = new ArrayList<>();
  final List<CtapHidDevice> devices = new ArrayList<>();
  final List<String> touches = new ArrayList<>();

  @BeforeEach
  void start() {
    rp = new RpTestServer(mail, serverDir);
    db = CacheDatabase.open(dataDir.resolve(DataDirectory.DATABASE_FILE_NAME), rp.clock);
    service = new AccountService(db);
  }

  @AfterEach
  void stop() {
    devices.forEach(CtapHidDevice::close);
    authenticators.forEach(SoftwareAuthenticator::close);
    rp.close();
    db.close();
  }

  private AccountKey softwareKey(String label) throws Exception {
    SoftwareAuthenticator authenticator =
        SoftwareAuthenticator.builder()
            .state(AuthenticatorState.generate())
            .userPresence(UserPresence.approve())
            .handler(Ctap2CommandHandler::new)
            .build();
    authenticators.add(authenticator);
    CtapHidDevice device = CtapHidDevice.open(authenticator.connect(), Duration.ofSeconds(30));
    devices.add(device);
    UserInteraction ui =
        new UserInteraction() {
          @Override
          public void promptTouch() {
            touches.add(label);
          }

          @Override
          public Optional<char[]> requestPin(PinRequest request) {
            return Optional.empty();
          }

          @Override
          public boolean requestUv(UvRequest request) {
            return true;
          }
        };
    return new WebAuthnAccountKey(new WebAuthnClient(device), ui, CancelToken.none());
  }

  @Test
  void addLoginWithKeyRenameAddSecondRemoveFirstRemoveLast() throws Exception {
    rp.signUp(EMAIL);
    Account account = service.addAccount(rp.url(), EMAIL, Optional.of(rp.server.fingerprint()));
    AccountKey blue = softwareKey("blue");
    AccountKey green = softwareKey("green");

    ScriptedPrompts prompts = new ScriptedPrompts(RpTestServer.PASSWORD);
    prompts.sudoCode = () -> rp.lastCode(EMAIL);
    prompts.secondFactor = () -> Optional.of(new SecondFactor.UseSecurityKey());

    // 1. password login (no 2FA yet), add the first key: sudo by emailed code, then the key.
    SecurityKey first;
    try (AccountSession session = service.logIn(account, prompts, Optional.empty())) {
      first = service.addKey(session, "Blue", blue, prompts);
    }
    assertThat(prompts.asked).containsExactly("password for " + EMAIL, "sudo code sent=true");
    AccountKeysView afterAdd = service.cachedKeys(account, Optional.empty());
    assertThat(afterAdd.keys()).extracting(CachedKey::credentialId).containsExactly(first.id());
    assertThat(afterAdd.keys().get(0).isLast()).isTrue();
    assertThat(afterAdd.recommendation()).contains(AccountKeysView.BACKUP_RECOMMENDATION);

    // 2. log in with the key as second factor; rename it; add a second key.
    prompts.asked.clear();
    SecurityKey second;
    try (AccountSession session = service.logIn(account, prompts, Optional.of(blue))) {
      assertThat(service.status(session).twoFactor().active()).isTrue();
      assertThat(service.renameKey(session, first.id(), "  Blue (office) ").name())
          .isEqualTo("Blue (office)");
      rp.advance(Duration.ofMinutes(1)); // the RP lists keys oldest first
      second = service.addKey(session, "Green", green, prompts);
      AccountKeysView both = service.sync(session);
      assertThat(both.keys()).extracting(CachedKey::name).containsExactly("Blue (office)", "Green");
      assertThat(both.keys().get(0).lastUsed()).isPresent();
      assertThat(both.recommendation()).isEmpty();
      assertThat(both.twoFactorActive()).contains(true);

      // 3. remove the first: no warning needed, 2FA stays on.
      KeyRemovalResult removed = service.removeKey(session, first.id(), prompts);
      assertThat(removed.twoFactorActive()).isTrue();
      assertThat(removed.warning()).isEmpty();
      assertThat(removed.keys().keys()).extracting(CachedKey::name).containsExactly("Green");
      assertThat(removed.keys().recommendation()).contains(AccountKeysView.BACKUP_RECOMMENDATION);
    }
    assertThat(prompts.asked)
        .containsExactly(
            "password for " + EMAIL, "second factor [security_key] key=true", "sudo code sent=true");

    // 4. the first key no longer logs in; the second does. Removing it asks first.
    assertThatThrownBy(() -> service.logIn(account, prompts, Optional.of(blue)))
        .isInstanceOf(RuntimeException.class);
    prompts.asked.clear();
    prompts.confirm = false;
    try (AccountSession session = service.logIn(account, prompts, Optional.of(green))) {
      assertThatThrownBy(() -> service.removeKey(session, second.id(), prompts))
          .isInstanceOfSatisfying(
              AccountActionException.class,
              e -> assertThat(e.kind()).isEqualTo(AccountActionException.Kind.CANCELLED));
      assertThat(service.sync(session).keys()).hasSize(1);
      prompts.confirm = true;
      KeyRemovalResult last = service.removeKey(session, second.id(), prompts);
      assertThat(last.twoFactorActive()).isFalse();
      assertThat(last.warning()).contains(KeyRemovalResult.TWO_FACTOR_OFF);
      assertThat(last.keys().keys()).isEmpty();
    }
    assertThat(prompts.asked)
        .containsExactly(
            "password for " + EMAIL,
            "second factor [security_key] key=true",
            "confirm: " + AccountService.LAST_KEY_WARNING,
            "confirm: " + AccountService.LAST_KEY_WARNING,
            "sudo code sent=true");

    // 5. the event log tells the story, newest first.
    assertThat(service.log(account, 100))
        .extracting(e -> e.event().action() + " " + e.event().result() + " " + e.event().keyName().orElse("-"))
        .contains(
            "key.remove OK Green",
            "key.remove FAILED Green",
            "key.remove OK Blue (office)",
            "key.add OK Green",
            "key.rename OK Blue (office)",
            "key.add OK Blue",
            "account.add OK -");
  }
}
