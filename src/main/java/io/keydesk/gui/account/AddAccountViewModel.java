package io.keydesk.gui.account;

import io.keydesk.app.AccountService;
import io.keydesk.gui.task.Tasks;
import io.keydesk.rp.UntrustedCertificateException;
import io.keydesk.store.Account;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Adding an account: URL and user name checked, then the server's certificate. When the system
 * does not trust it (a self-signed server), its SHA-256 fingerprint is shown and the account is
 * added only after the person confirms pinning it: never trusted silently.
 */
public final class AddAccountViewModel {
  private final Tasks tasks;
  private final AccountService service;
  private final Consumer<Account> added;
  private final ReadOnlyStringWrapper fingerprint = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private String pendingFingerprint;
  private String pendingUrl;
  private String pendingUser;

  public AddAccountViewModel(Tasks tasks, AccountService service, Consumer<Account> added) {
    this.tasks = tasks;
    this.service = service;
    this.added = added;
  }

  /** The untrusted certificate's SHA-256 fingerprint ("AB:CD:…") to confirm; empty otherwise. */
  public ReadOnlyStringProperty fingerprintProperty() {
    return fingerprint.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** What is wrong with the fields before anything goes to the network, or empty. */
  public static Optional<String> problem(String url, String username) {
    if (url == null || url.isBlank()) {
      return Optional.of("Enter the server's address, such as https://rp.example.com.");
    }
    if (username == null || username.isBlank()) {
      return Optional.of("Enter your user name at the server (usually your email address).");
    }
    return Optional.empty();
  }

  /** Checks the server and adds the account, or asks to confirm its certificate's fingerprint. */
  public void submit(String url, String username) {
    Optional<String> problem = problem(url, username);
    if (problem.isPresent()) {
      error.set(problem.get());
      return;
    }
    fingerprint.set("");
    pendingFingerprint = null;
    add(url.trim(), username.trim(), Optional.empty());
  }

  /** The person compared the fingerprint and pins it. */
  public void confirmFingerprint() {
    if (pendingFingerprint != null) {
      add(pendingUrl, pendingUser, Optional.of(pendingFingerprint));
    }
  }

  private void add(String url, String username, Optional<String> pin) {
    tasks.wrap(c -> service.addAccount(url, username, pin))
        .onRunning(() -> {
          busy.set(true);
          error.set("");
          progress.set("Checking " + url + "…");
        })
        .onSuccess(added)
        .onFailure(e -> {
          if (e instanceof UntrustedCertificateException u
              && u.reason() == UntrustedCertificateException.Reason.NOT_TRUSTED
              && pin.isEmpty()) {
            pendingFingerprint = u.fingerprint();
            pendingUrl = url;
            pendingUser = username;
            fingerprint.set(u.displayFingerprint().toUpperCase(java.util.Locale.ROOT));
          } else {
            error.set(e.getMessage());
          }
        })
        .onFinished(() -> {
          busy.set(false);
          progress.set("");
        })
        .executeWith(tasks.background());
  }
}
