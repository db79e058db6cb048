package io.keydesk.app;

import io.keydesk.rp.AccountStatus;
import io.keydesk.rp.KeyList;
import io.keydesk.rp.KeyRemoval;
import io.keydesk.rp.LoginStep;
import io.keydesk.rp.RegistrationStart;
import io.keydesk.rp.RelyingPartyClient;
import io.keydesk.rp.RelyingPartyException;
import io.keydesk.rp.RelyingPartyUnreachableException;
import io.keydesk.rp.RpEndpoint;
import io.keydesk.rp.RpSession;
import io.keydesk.rp.SecurityKey;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.rp.SudoFlow;
import io.keydesk.rp.TrustDecision;
import io.keydesk.rp.UntrustedCertificateException;
import io.keydesk.store.Account;
import io.keydesk.store.CacheDatabase;
import io.keydesk.store.CachedKey;
import io.keydesk.store.CachedKeyList;
import io.keydesk.store.Event;
import io.keydesk.store.EventResult;
import io.keydesk.store.LoggedEvent;
import io.keydesk.store.RebuildNotice;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import io.keydesk.webauthn.WebAuthnClientException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Account key management, shared by the CLI and the GUI: add an account (with certificate
 * pinning), log in (password, then a key, a TOTP code or a backup code), sync the key list into
 * the cache, add a key (sudo when asked, begin, the key's makeCredential, finish, resync), rename,
 * remove (with the last-key warning). Offline, the cached list is shown, marked stale; no change
 * is attempted. Every change and login is appended to the event log (what, when, which key,
 * result); no secret is ever logged or stored.
 *
 * <p>Blocking; run it on a worker thread, never on the UI thread.
 */
public final class AccountService {
  public static final String LAST_KEY_WARNING =
      "Removing your last security key turns off two-factor authentication for this account.";
  static final int MAX_NAME_LENGTH = 100;

  private final CacheDatabase db;
  private final BiFunction<RpEndpoint, TrustDecision, RelyingPartyClient> clients;

  public AccountService(CacheDatabase db) {
    this(db, RelyingPartyClient::new);
  }

  /** With a client factory (tests shorten timeouts). */
  public AccountService(
      CacheDatabase db, BiFunction<RpEndpoint, TrustDecision, RelyingPartyClient> clients) {
    this.db = db;
    this.clients = clients;
  }

  /** Present when the cache was damaged at start and rebuilt empty. */
  public Optional<RebuildNotice> rebuildNotice() {
    return db.rebuildNotice();
  }

  // --- accounts -------------------------------------------------------------------------------

  /**
   * Adds an account after checking that its RP answers over a trusted connection.
   *
   * @param pinnedFingerprint the SHA-256 of the RP's certificate the user confirmed, if any
   * @throws UntrustedCertificateException when the certificate is not trusted (show its
   *     fingerprint, ask, and call again with it) or does not match the given pin
   * @throws RelyingPartyUnreachableException when the RP cannot be reached
   * @throws IllegalArgumentException for a malformed URL or fingerprint
   */
  public Account addAccount(String url, String username, Optional<String> pinnedFingerprint) {
    RpEndpoint endpoint = RpEndpoint.parse(url);
    String user = username.trim();
    if (user.isEmpty()) {
      throw new IllegalArgumentException("The user name (your email at the service) is empty.");
    }
    TrustDecision trust = new TrustDecision(pinnedFingerprint);
    try {
      clients.apply(endpoint, trust).checkConnection();
    } catch (RuntimeException e) {
      db.eventLog().append(Event.failed("account.add", e.getMessage()));
      throw e;
    }
    Account account = db.accounts().add(endpoint.url(), user, trust.pinnedFingerprint());
    db.eventLog()
        .append(
            new Event(
                Optional.of(account.id()),
                "account.add",
                Optional.empty(),
                Optional.empty(),
                EventResult.OK,
                trust.pinnedFingerprint().map(f -> "pinned certificate SHA-256 " + f)));
    return account;
  }

  /** Creates the user at the RP ({@code POST /api/v1/accounts}); the password is zeroed. */
  public void signUp(Account account, char[] password) {
    try {
      run(account, "account.signup", Optional.empty(), () -> client(account).signUp(account.username(), password));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  public List<Account> accounts() {
    return db.accounts().list();
  }

  /**
   * The account {@code selector} names: its id, its user name, or {@code user@url}; without a
   * selector the only account.
   */
  public Account find(Optional<String> selector) {
    List<Account> all = accounts();
    if (selector.isEmpty()) {
      if (all.size() == 1) {
        return all.get(0);
      }
      throw new AccountActionException(
          all.isEmpty() ? AccountActionException.Kind.NOT_FOUND : AccountActionException.Kind.INVALID,
          all.isEmpty()
              ? "No account yet. Add one with 'keydesk account add URL USERNAME'."
              : "There are " + all.size() + " accounts; choose one with --account (" + names(all) + ").");
    }
    String wanted = selector.get().trim();
    List<Account> matches =
        all.stream()
            .filter(
                a ->
                    String.valueOf(a.id()).equals(wanted)
                        || a.username().equalsIgnoreCase(wanted)
                        || (a.username() + "@" + a.rpUrl()).equalsIgnoreCase(wanted))
            .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new AccountActionException(
        matches.isEmpty() ? AccountActionException.Kind.NOT_FOUND : AccountActionException.Kind.INVALID,
        matches.isEmpty()
            ? "No account '" + wanted + "'. The accounts are: " + names(all) + "."
            : "'" + wanted + "' names several accounts; use the number: " + names(matches) + ".");
  }

  /** The latest events of the account, newest first. */
  public List<LoggedEvent> log(Account account, int limit) {
    return db.eventLog().newestForAccount(account.id(), limit);
  }

  // --- login ----------------------------------------------------------------------------------

  /**
   * Logs in: the password, then, when the account has two-factor authentication, the second step
   * the user chooses (the key needs {@code key}).
   *
   * @throws AccountActionException CANCELLED, OFFLINE, or NO_KEY when the key is chosen but none
   *     is available
   */
  public AccountSession logIn(Account account, AccountPrompts prompts, Optional<AccountKey> key) {
    RelyingPartyClient client = client(account);
    try {
      client.checkConnection(); // before asking for anything: offline fails fast
    } catch (RuntimeException e) {
      RuntimeException reported =
          e instanceof RelyingPartyUnreachableException u ? offline(account, u) : e;
      db.eventLog()
          .append(event(account, "account.login", EventResult.FAILED, Optional.of(reported.getMessage())));
      throw reported;
    }
    char[] password =
        prompts.password(account).orElseThrow(() -> cancelled("Login cancelled."));
    String method = "password";
    try {
      LoginStep step = client.logIn(account.username(), password);
      RpSession session;
      if (step instanceof LoginStep.Authenticated done) {
        session = done.session();
      } else {
        LoginStep.SecondFactorRequired second = (LoginStep.SecondFactorRequired) step;
        SecondFactor factor =
            prompts
                .secondFactor(account, second, key.isPresent())
                .orElseThrow(() -> cancelled("Login cancelled."));
        if (factor instanceof SecondFactor.UseSecurityKey) {
          method = "security key";
          session = finishWithKey(account, client, second, key);
        } else if (factor instanceof SecondFactor.Totp totp) {
          method = "authenticator app code";
          session = client.finishWithTotp(second.loginId(), totp.code().trim());
        } else {
          method = "backup code";
          session = client.finishWithBackupCode(second.loginId(), ((SecondFactor.BackupCode) factor).code());
        }
      }
      db.eventLog().append(event(account, "account.login", EventResult.OK, Optional.of("by " + method)));
      return new AccountSession(account, client, session);
    } catch (RelyingPartyUnreachableException e) {
      db.eventLog().append(event(account, "account.login", EventResult.FAILED, Optional.of(e.getMessage())));
      throw offline(account, e);
    } catch (RuntimeException e) {
      db.eventLog().append(event(account, "account.login", EventResult.FAILED, Optional.of(e.getMessage())));
      throw e;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private RpSession finishWithKey(
      Account account,
      RelyingPartyClient client,
      LoginStep.SecondFactorRequired second,
      Optional<AccountKey> key) {
    if (second.publicKey().isEmpty() || !second.offers(LoginStep.SECURITY_KEY)) {
      throw new AccountActionException(
          AccountActionException.Kind.INVALID,
          "This account has no security key registered; log in with "
              + String.join(" or ", second.methods()).replace('_', ' ')
              + ".");
    }
    AccountKey usable =
        key.orElseThrow(
            () ->
                new AccountActionException(
                    AccountActionException.Kind.NO_KEY,
                    "No security key is available. Plug in your key (or start the simulator) and"
                        + " try again, or log in with another method."));
    AuthenticationResponseJSON assertion;
    try {
      assertion = usable.authenticate(second.publicKey().get(), origin(account));
    } catch (WebAuthnClientException e) {
      throw keyFailed(e);
    }
    return client.finishWithSecurityKey(second.loginId(), assertion);
  }

  // --- key list -------------------------------------------------------------------------------

  /** The cached list, marked stale (for when the RP cannot be reached). */
  public AccountKeysView cachedKeys(Account account, Optional<String> offlineReason) {
    Optional<CachedKeyList> cached = db.cachedKeys().find(account.id());
    return new AccountKeysView(
        account,
        cached.map(CachedKeyList::keys).orElse(List.of()),
        cached.map(CachedKeyList::syncedAt),
        true,
        offlineReason,
        Optional.empty());
  }

  /** Fetches the key list and replaces the cached one. */
  public AccountKeysView sync(AccountSession session) {
    Account account = session.account();
    try {
      KeyList list = session.client().keys(session.rpSession());
      CachedKeyList cached = db.cachedKeys().replace(account.id(), list.keys().stream().map(AccountService::cached).toList());
      db.eventLog().append(event(account, "account.sync", EventResult.OK, Optional.of(list.keys().size() + " keys")));
      return new AccountKeysView(
          account, cached.keys(), Optional.of(cached.syncedAt()), false, Optional.empty(),
          Optional.of(list.twoFactorActive()));
    } catch (RelyingPartyUnreachableException e) {
      return cachedKeys(account, Optional.of(e.getMessage()));
    }
  }

  /**
   * The key list for display: checks that the RP can be reached, then logs in by {@code logIn}
   * and syncs; when the RP cannot be reached, the cached list marked stale (no password asked).
   */
  public AccountKeysView currentKeys(Account account, java.util.function.Function<Account, AccountSession> logIn) {
    try {
      client(account).checkConnection();
    } catch (RelyingPartyUnreachableException e) {
      return cachedKeys(account, Optional.of(e.getMessage()));
    }
    try (AccountSession session = logIn.apply(account)) {
      return sync(session);
    } catch (AccountActionException e) {
      if (e.kind() == AccountActionException.Kind.OFFLINE) {
        return cachedKeys(account, Optional.of(e.getMessage()));
      }
      throw e;
    }
  }

  /** {@code GET /api/v1/account}. */
  public AccountStatus status(AccountSession session) {
    try {
      return session.client().account(session.rpSession());
    } catch (RelyingPartyUnreachableException e) {
      throw offline(session.account(), e);
    }
  }

  // --- changes --------------------------------------------------------------------------------

  /** Opens sudo mode (emailed code) on the session, as the RP would ask for before a change. */
  public void enterSudo(AccountSession session, AccountPrompts prompts) {
    run(
        session.account(),
        "account.sudo",
        Optional.empty(),
        () -> {
          new SudoFlow(session.client()).enter(session.rpSession(), codePrompt(session.account(), prompts));
          return null;
        });
  }

  /**
   * Asks the RP to email a sudo code again ({@code POST /api/v1/sudo/code}, docs/rp-api.md "Sudo
   * mode"), for a code dialog's "Resend": while the previous code is valid no new one is sent
   * ({@code sent} false); past the daily limit the RP answers rate-limited.
   */
  public SudoCodeRequest resendSudoCode(AccountSession session) {
    try {
      return session.client().requestSudoCode(session.rpSession());
    } catch (RelyingPartyUnreachableException e) {
      throw offline(session.account(), e);
    }
  }

  /**
   * Registers the plugged-in key at the account: sudo if the RP asks, begin, the key's
   * makeCredential (the user touches it), finish, resync.
   */
  public SecurityKey addKey(AccountSession session, String name, AccountKey key, AccountPrompts prompts) {
    String keyName = checkName(name);
    Account account = session.account();
    RelyingPartyClient client = session.client();
    SudoFlow sudo = new SudoFlow(client);
    SudoFlow.CodePrompt codes = codePrompt(account, prompts);
    SecurityKey added =
        run(
            account,
            "key.add",
            Optional.of(keyName),
            () -> {
              RegistrationStart start =
                  sudo.run(session.rpSession(), codes, () -> client.beginRegistration(session.rpSession()));
              RegistrationResponseJSON credential;
              try {
                credential = key.register(start.publicKey(), origin(account));
              } catch (WebAuthnClientException e) {
                throw keyFailed(e);
              }
              return sudo.run(
                  session.rpSession(),
                  codes,
                  () ->
                      client.finishRegistration(
                          session.rpSession(), start.registrationId(), keyName, credential));
            },
            k -> k.id());
    sync(session);
    return added;
  }

  /** Renames a key at the RP and in the cache. */
  public SecurityKey renameKey(AccountSession session, String keyId, String name) {
    String keyName = checkName(name);
    SecurityKey renamed =
        run(
            session.account(),
            "key.rename",
            Optional.of(keyName),
            () -> session.client().rename(session.rpSession(), keyId, keyName),
            k -> k.id(),
            Optional.of(keyId));
    sync(session);
    return renamed;
  }

  /**
   * Removes a key. Before removing the last key (when TOTP does not keep two-factor on), asks the
   * user to confirm {@link #LAST_KEY_WARNING}; the RP's answer says whether 2FA is still active.
   */
  public KeyRemovalResult removeKey(AccountSession session, String keyId, AccountPrompts prompts) {
    Account account = session.account();
    RelyingPartyClient client = session.client();
    KeyList keys;
    AccountStatus status;
    try {
      keys = client.keys(session.rpSession());
      status = client.account(session.rpSession());
    } catch (RelyingPartyUnreachableException e) {
      throw offline(account, e);
    }
    SecurityKey key =
        keys.keys().stream()
            .filter(k -> k.id().equals(keyId) || k.credentialId().equals(keyId))
            .findFirst()
            .orElseThrow(
                () ->
                    new AccountActionException(
                        AccountActionException.Kind.NOT_FOUND,
                        "The account has no key '" + keyId + "'. List the keys with 'keydesk account keys'."));
    if (key.lastKey() && !status.twoFactor().totp() && !prompts.confirm(LAST_KEY_WARNING)) {
      db.eventLog().append(event(account, "key.remove", EventResult.FAILED, Optional.of("cancelled by the user")).forKey(key.id(), key.name()));
      throw cancelled("Nothing was removed.");
    }
    KeyRemoval removal =
        run(
            account,
            "key.remove",
            Optional.of(key.name()),
            () ->
                new SudoFlow(client)
                    .run(session.rpSession(), codePrompt(account, prompts), () -> client.remove(session.rpSession(), key.id())),
            r -> key.id(),
            Optional.of(key.id()));
    return new KeyRemovalResult(key.id(), key.name(), removal.twoFactorActive(), sync(session));
  }

  // --- helpers --------------------------------------------------------------------------------

  private RelyingPartyClient client(Account account) {
    return clients.apply(RpEndpoint.parse(account.rpUrl()), new TrustDecision(account.pinnedFingerprint()));
  }

  /** The origin the client puts in clientDataJSON: the RP's own web origin. */
  static String origin(Account account) {
    return RpEndpoint.parse(account.rpUrl()).origin();
  }

  private static SudoFlow.CodePrompt codePrompt(Account account, AccountPrompts prompts) {
    return (request, problem) -> prompts.sudoCode(account, request, problem);
  }

  private <T> T run(Account account, String action, Optional<String> keyName, Supplier<T> work) {
    return run(account, action, keyName, work, r -> null, Optional.empty());
  }

  private <T> T run(
      Account account,
      String action,
      Optional<String> keyName,
      Supplier<T> work,
      java.util.function.Function<T, String> keyIdOf) {
    return run(account, action, keyName, work, keyIdOf, Optional.empty());
  }

  /** Runs a change and logs it, with its outcome; offline becomes a clear refusal. */
  private <T> T run(
      Account account,
      String action,
      Optional<String> keyName,
      Supplier<T> work,
      java.util.function.Function<T, String> keyIdOf,
      Optional<String> knownKeyId) {
    try {
      T result = work.get();
      Optional<String> keyId = Optional.ofNullable(keyIdOf.apply(result)).or(() -> knownKeyId);
      db.eventLog().append(new Event(Optional.of(account.id()), action, keyId, keyId.isPresent() ? keyName : Optional.empty(), EventResult.OK, Optional.empty()));
      return result;
    } catch (RuntimeException e) {
      RuntimeException reported = e instanceof RelyingPartyUnreachableException u ? offline(account, u) : e;
      db.eventLog().append(new Event(Optional.of(account.id()), action, knownKeyId, knownKeyId.isPresent() ? keyName : Optional.empty(), EventResult.FAILED, Optional.of(reported.getMessage())));
      throw reported;
    }
  }

  private static Event event(Account account, String action, EventResult result, Optional<String> message) {
    return new Event(Optional.of(account.id()), action, Optional.empty(), Optional.empty(), result, message);
  }

  static String checkName(String name) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_NAME_LENGTH) {
      throw new AccountActionException(
          AccountActionException.Kind.INVALID,
          "A key name must be 1 to " + MAX_NAME_LENGTH + " characters; got " + (trimmed.isEmpty() ? "an empty name" : trimmed.length() + " characters") + ".");
    }
    return trimmed;
  }

  private static CachedKey cached(SecurityKey key) {
    return new CachedKey(
        key.id(),
        key.name(),
        Optional.of(key.created()),
        key.lastUsed(),
        key.aaguid(),
        key.transports().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(),
        Optional.of(key.signCount()),
        Optional.of(key.backupEligible()),
        Optional.of(key.backupState()),
        key.possiblyCloned(),
        key.lastKey(),
        Optional.empty());
  }

  private static AccountActionException offline(Account account, RelyingPartyUnreachableException e) {
    return new AccountActionException(
        AccountActionException.Kind.OFFLINE,
        "The server at " + account.rpUrl() + " can't be reached, so nothing was changed. Check"
            + " your connection and try again; 'keydesk account keys' shows the cached list.",
        e);
  }

  private static AccountActionException cancelled(String message) {
    return new AccountActionException(AccountActionException.Kind.CANCELLED, message);
  }

  private static RuntimeException keyFailed(WebAuthnClientException e) {
    return new AccountActionException(
        AccountActionException.Kind.NO_KEY, "The security key did not complete: " + e.getMessage(), e);
  }

  private static String names(List<Account> accounts) {
    return String.join(", ", accounts.stream().map(a -> a.id() + " = " + a.username() + " at " + a.rpUrl()).toList());
  }
}
