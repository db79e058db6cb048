package io.keydesk.gui.account;

import io.keydesk.app.AccountActionException;
import io.keydesk.app.AccountKeysView;
import io.keydesk.app.AccountPrompts;
import io.keydesk.app.AccountService;
import io.keydesk.app.AccountSession;
import io.keydesk.app.KeyRemovalResult;
import io.keydesk.app.SecondFactor;
import io.keydesk.app.desktop.Cancellation;
import io.keydesk.app.desktop.DesktopAccountKey;
import io.keydesk.app.desktop.KeyRef;
import io.keydesk.app.desktop.KeyModel;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.app.desktop.TouchListener;
import io.keydesk.gui.task.Tasks;
import io.keydesk.rp.LoginStep;
import io.keydesk.rp.RelyingPartyException;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.rp.TwoFactorStatus;
import io.keydesk.store.Account;
import io.keydesk.store.CachedKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The account page (docs/ui.md "Account page"): the header with the two-factor state, the keys
 * table, add / rename / remove, the offline banner and the one-key recommendation. The work runs
 * on a worker through {@link Tasks}; the dialogs answer through futures the worker waits on. The
 * view only binds to the read-only properties and calls the actions.
 */
public final class AccountViewModel {
  static final int MAX_NAME_LENGTH = 100;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Tasks tasks;
  private final AccountService service;
  private final Account account;
  private final AccountSessions sessions;
  private final AccountDialogs dialogs;
  private final SecurityKeys keys;
  private final Supplier<Optional<KeyRef>> pluggedKey;
  private final Clock clock;
  private final ZoneId zone;

  private final ObservableList<KeyRow> rows = FXCollections.observableArrayList();
  private final ObservableList<KeyRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyStringWrapper twoFactor = new ReadOnlyStringWrapper("Two-factor: …");
  private final ReadOnlyStringWrapper otherMethods = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper offline = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper recommendation = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper loggedIn = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canChange = new ReadOnlyBooleanWrapper();
  private volatile char[] firstPassword;
  private Cancellation running;

  public AccountViewModel(
      Tasks tasks,
      AccountService service,
      Account account,
      AccountSessions sessions,
      AccountDialogs dialogs,
      SecurityKeys keys,
      Supplier<Optional<KeyRef>> pluggedKey,
      Clock clock,
      ZoneId zone) {
    this.tasks = tasks;
    this.service = service;
    this.account = account;
    this.sessions = sessions;
    this.dialogs = dialogs;
    this.keys = keys;
    this.pluggedKey = pluggedKey;
    this.clock = clock;
    this.zone = zone;
    loggedIn.set(sessions.get(account.id()).isPresent());
  }

  // --- what the view binds to -------------------------------------------------------------------

  public Account account() {
    return account;
  }

  /** "alice@example.com at https://rp.example.com". */
  public String title() {
    return account.username() + " at " + account.rpUrl();
  }

  /** The table's rows; always the same list (a view made per call would drop its listeners). */
  public ObservableList<KeyRow> rows() {
    return rowsView;
  }

  /** "Two-factor: ON (2 keys)". */
  public ReadOnlyStringProperty twoFactorProperty() {
    return twoFactor.getReadOnlyProperty();
  }

  /** "Other methods: Authenticator app (TOTP) ON · Backup codes: 8 left", when known. */
  public ReadOnlyStringProperty otherMethodsProperty() {
    return otherMethods.getReadOnlyProperty();
  }

  /** "Showing the list from 10:42. The server can't be reached right now." or empty. */
  public ReadOnlyStringProperty offlineProperty() {
    return offline.getReadOnlyProperty();
  }

  /** The backup-key recommendation when exactly one key is registered, else empty. */
  public ReadOnlyStringProperty recommendationProperty() {
    return recommendation.getReadOnlyProperty();
  }

  /** The server's answer after removing the last key (two-factor is off), else empty. */
  public ReadOnlyStringProperty warningProperty() {
    return warning.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** What runs now ("Logging in…"), empty when idle. */
  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loggedInProperty() {
    return loggedIn.getReadOnlyProperty();
  }

  /** Changes are possible: not busy and the server answered last time. */
  public ReadOnlyBooleanProperty canChangeProperty() {
    return canChange.getReadOnlyProperty();
  }

  // --- validation -------------------------------------------------------------------------------

  /** What is wrong with a key name, or empty when it can be sent (1 to 100 characters). */
  public static Optional<String> nameProblem(String name) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty()) {
      return Optional.of("Give the key a name, such as \"Office key\".");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_NAME_LENGTH) {
      return Optional.of("A key name can have at most " + MAX_NAME_LENGTH + " characters.");
    }
    return Optional.empty();
  }

  /** "a•••@example.com": the address the sudo code went to, as the dialog shows it. */
  public static String maskEmail(String address) {
    int at = address.indexOf('@');
    if (at <= 0) {
      return address.isEmpty() ? address : address.charAt(0) + "•••";
    }
    return address.charAt(0) + "•••" + address.substring(at);
  }

  // --- actions ----------------------------------------------------------------------------------

  /** Uses {@code password} for the first login instead of asking (right after adding the account). */
  public void useFirstPassword(char[] password) {
    this.firstPassword = password;
  }

  /**
   * Loads the list: logs in when needed (password, then the second factor) and syncs; when the
   * server cannot be reached, the cached list with the offline banner.
   */
  public void refresh() {
    run(
        "Loading the keys…",
        c -> {
          Loaded loaded;
          try {
            AccountSession session = session(c);
            AccountKeysView view = service.sync(session);
            Optional<TwoFactorStatus> status =
                view.stale() ? Optional.empty() : Optional.of(service.status(session).twoFactor());
            loaded = new Loaded(view, status, true);
          } catch (AccountActionException e) {
            if (e.kind() == AccountActionException.Kind.OFFLINE) {
              loaded = new Loaded(service.cachedKeys(account, Optional.of(e.getMessage())),
                  Optional.empty(), sessions.get(account.id()).isPresent());
            } else if (e.kind() == AccountActionException.Kind.CANCELLED) {
              AccountKeysView cached = service.cachedKeys(account, Optional.empty());
              loaded = new Loaded(new AccountKeysView(account, cached.keys(), cached.syncedAt(),
                  false, Optional.empty(), Optional.empty()), Optional.empty(), false);
            } else {
              throw e;
            }
          }
          return loaded;
        },
        loaded -> {
          show(loaded.view(), loaded.status());
          loggedIn.set(loaded.loggedIn());
          if (!loaded.loggedIn() && !loaded.view().stale()) {
            message.set("Not logged in: log in to see the current list and change it.");
          }
        },
        false);
  }

  private record Loaded(
      AccountKeysView view, Optional<TwoFactorStatus> status, boolean loggedIn) {}

  /** Registers the plugged-in key under {@code name}: sudo code when asked, then a touch. */
  public void addKey(String name) {
    Optional<String> problem = nameProblem(name);
    if (problem.isPresent()) {
      error.set(problem.get());
      return;
    }
    Optional<KeyRef> key = pluggedKey.get();
    if (key.isEmpty()) {
      error.set("No security key is plugged in. Insert your key (or use the virtual key), then"
          + " choose Add key again.");
      return;
    }
    run(
        "Adding " + name.trim() + ": touch your key when it blinks…",
        c -> {
          AccountSession session = session(c);
          var added = withSession(session, s ->
              service.addKey(s, name, accountKey(key.get(), c), prompts(s, c)));
          return added.name();
        },
        added -> {
          message.set("Added " + added + ".");
          refresh();
        });
  }

  /** Renames a key in place. */
  public void rename(KeyRow row, String name) {
    if (name.trim().equals(row.name())) {
      return;
    }
    Optional<String> problem = nameProblem(name);
    if (problem.isPresent()) {
      error.set(problem.get());
      rows.set(rows.indexOf(row), row); // show the old name again
      return;
    }
    run(
        "Renaming…",
        c -> withSession(session(c), s -> service.renameKey(s, row.id(), name)).name(),
        renamed -> {
          message.set("Renamed to " + renamed + ".");
          refresh();
        });
  }

  /**
   * Removes a key after confirmation; for the last key the confirmation says that two-factor
   * authentication will be turned off (the service asks it).
   */
  public void remove(KeyRow row) {
    CompletableFuture<Boolean> confirmed =
        row.lastKey()
            ? CompletableFuture.completedFuture(true)
            : dialogs.confirm(
                "Remove " + row.name() + "?",
                "The key " + row.name() + " will no longer log you in to " + account.rpUrl()
                    + ". The key itself keeps working elsewhere.",
                "_Remove");
    confirmed.thenAccept(yes -> {
      if (!yes) {
        return;
      }
      tasks.ui().execute(() -> run(
          "Removing " + row.name() + "…",
          c -> withSession(session(c), s -> service.removeKey(s, row.id(), prompts(s, c))),
          (KeyRemovalResult result) -> {
            message.set("Removed " + result.keyName() + ".");
            warning.set(result.warning().orElse(""));
            refresh();
          }));
    });
  }

  /** Cancels what runs (the touch prompt's Cancel does the same on the key). */
  public void cancel() {
    if (running != null) {
      running.cancel();
    }
  }

  public void dispose() {
    cancel();
    char[] password = firstPassword;
    if (password != null) {
      java.util.Arrays.fill(password, '\0');
    }
  }

  // --- the worker side --------------------------------------------------------------------------

  @FunctionalInterface
  private interface Work<T> {
    T run(Cancellation cancellation) throws Exception;
  }

  private <T> void run(String what, Work<T> work, java.util.function.Consumer<T> done) {
    run(what, work, done, true);
  }

  /** @param fresh clears the last message (a refresh after a change keeps it) */
  private <T> void run(
      String what, Work<T> work, java.util.function.Consumer<T> done, boolean fresh) {
    running =
        tasks
            .wrap(work::run)
            .onRunning(() -> {
              busy.set(true);
              canChange.set(false);
              progress.set(what);
              error.set("");
              if (fresh) {
                message.set("");
              }
            })
            .onSuccess(done)
            .onFailure(e -> {
              if (e instanceof AccountActionException a
                  && a.kind() == AccountActionException.Kind.CANCELLED) {
                message.set(a.getMessage());
              } else {
                error.set(userMessage(e));
              }
            })
            .onFinished(() -> {
              busy.set(false);
              progress.set("");
              canChange.set(offline.get().isEmpty());
              dialogs.touchDone();
            })
            .executeWith(tasks.background());
  }

  private static String userMessage(Throwable e) {
    if (e instanceof io.keydesk.rp.SudoFlow.CancelledException) {
      return e.getMessage();
    }
    String text = e.getMessage();
    return text == null || text.isBlank() ? "Something went wrong: " + e.getClass().getSimpleName()
        : text;
  }

  /** The held session, or a new login (which asks for the password and the second factor). */
  private AccountSession session(Cancellation c) {
    Optional<AccountSession> held = sessions.get(account.id());
    if (held.isPresent()) {
      return held.get();
    }
    Optional<KeyRef> key = onUi(() -> CompletableFuture.completedFuture(pluggedKey.get()));
    AccountSession session =
        service.logIn(account, prompts(null, c), key.map(k -> accountKey(k, c)));
    sessions.put(account.id(), session);
    tasks.ui().execute(() -> loggedIn.set(true));
    return session;
  }

  /** Runs {@code action}; when the server says the session ended, logs in again once. */
  private <T> T withSession(AccountSession session, java.util.function.Function<AccountSession, T> action) {
    try {
      return action.apply(session);
    } catch (RelyingPartyException e) {
      if (e.status() != 401) {
        throw e;
      }
      sessions.drop(account.id());
      tasks.ui().execute(() -> loggedIn.set(false));
      return action.apply(session(running));
    }
  }

  private DesktopAccountKey accountKey(KeyRef key, Cancellation c) {
    TouchListener touch = new TouchListener() {
      @Override
      public void touchNeeded() {
        tasks.ui().execute(() -> dialogs.touchNeeded(key.displayName(), c));
      }

      @Override
      public void touchDone() {
        tasks.ui().execute(dialogs::touchDone);
      }
    };
    return new DesktopAccountKey(keys, key, tasks.device(key.id()), c, touch,
        question -> onUi(() -> dialogs.keyPin(question)));
  }

  /** The prompts the use cases call on this worker: dialogs on the UI thread, answered by futures. */
  private AccountPrompts prompts(AccountSession session, Cancellation c) {
    return new AccountPrompts() {
      @Override
      public Optional<char[]> password(Account a) {
        char[] given = firstPassword;
        if (given != null) {
          firstPassword = null;
          return Optional.of(given);
        }
        return onUi(() -> dialogs.password(a));
      }

      @Override
      public Optional<SecondFactor> secondFactor(
          Account a, LoginStep.SecondFactorRequired step, boolean keyAvailable) {
        return onUi(() -> dialogs.secondFactor(a, step, keyAvailable));
      }

      @Override
      public Optional<String> sudoCode(
          Account a, SudoCodeRequest request, Optional<String> problem) {
        AccountSession current = session != null ? session : sessions.get(a.id()).orElseThrow();
        return onUi(() -> dialogs.sudoCode(a, request, problem, () -> resend(current)));
      }

      @Override
      public boolean confirm(String text) {
        return onUi(() -> dialogs.confirm("Remove your last key?", text, "_Remove and turn off"
            + " two-factor"));
      }
    };
  }

  /** "Resend" in the sudo dialog: the line to show under the code field. */
  private CompletableFuture<String> resend(AccountSession session) {
    CompletableFuture<String> line = new CompletableFuture<>();
    tasks.wrap(c -> service.resendSudoCode(session))
        .onSuccess(r -> line.complete(r.sent()
            ? "We sent a new code to " + maskEmail(account.username()) + "."
            : "The code we sent is still valid until " + TIME.format(r.expiresAt().atZone(zone))
                + "; no new code was sent. Check your inbox and spam folder."))
        .onFailure(e -> line.complete(userMessage(e)))
        .executeWith(tasks.background());
    return line;
  }

  /** Opens a dialog on the UI thread and waits for its answer on this worker. */
  private <T> T onUi(Supplier<CompletableFuture<T>> dialog) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    tasks.ui().execute(() -> dialog.get().whenComplete((v, e) -> {
      if (e != null) {
        answer.completeExceptionally(e);
      } else {
        answer.complete(v);
      }
    }));
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AccountActionException(AccountActionException.Kind.CANCELLED, "Cancelled.");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  // --- presentation -----------------------------------------------------------------------------

  private void show(AccountKeysView view, Optional<TwoFactorStatus> status) {
    rows.setAll(view.keys().stream().map(this::row).toList());
    int n = view.keys().size();
    String count = n == 1 ? "1 key" : n + " keys";
    twoFactor.set(view.twoFactorActive()
        .map(on -> "Two-factor: " + (on ? "ON" : "OFF") + " (" + count + ")")
        .orElse("Two-factor: unknown (" + count + ")"));
    otherMethods.set(status.map(s -> "Other methods: Authenticator app (TOTP) "
        + (s.totp() ? "ON" : "OFF") + " · Backup codes: " + s.backupCodesRemaining() + " left")
        .orElse(""));
    recommendation.set(view.recommendation().orElse(""));
    offline.set(view.stale() ? staleNotice(view) : "");
    canChange.set(!view.stale());
    if (n > 0) {
      warning.set(""); // the two-factor-off answer holds only while no key is registered
    }
  }

  private String staleNotice(AccountKeysView view) {
    return view.syncedAt()
        .map(t -> "Showing the list from " + when(t) + ". The server can't be reached right now.")
        .orElse("The server can't be reached right now, and the key list was never fetched.");
  }

  private String when(Instant t) {
    var at = t.atZone(zone);
    return at.toLocalDate().equals(LocalDate.now(clock.withZone(zone)))
        ? TIME.format(at) : DAY_TIME.format(at);
  }

  private KeyRow row(CachedKey key) {
    // one place for model names: the AAGUID through AuthenticatorModels, then what the RP said
    Optional<KeyModel> found = key.aaguid()
        .flatMap(aaguid -> keys.models().lookup(aaguid))
        .map(KeyModel::of);
    String model = found.map(KeyModel::name)
        .or(key::model)
        .orElse("Unknown model");
    return new KeyRow(
        key.credentialId(),
        key.name(),
        key.created().map(t -> DAY.format(t.atZone(zone))).orElse("—"),
        key.lastUsed().map(this::lastUsed).orElse("never"),
        model,
        found.flatMap(KeyModel::warning),
        key.possiblyCloned(),
        key.isLast());
  }

  private String lastUsed(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate();
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (day.equals(today)) {
      return "today";
    }
    if (day.equals(today.minusDays(1))) {
      return "yesterday";
    }
    return DAY.format(day);
  }
}
