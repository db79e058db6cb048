package io.keydesk.app.desktop;

import io.keydesk.app.AccountService;
import io.keydesk.app.DemoEnvironment;
import io.keydesk.store.CacheDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The desktop app's account use cases on their local cache: the user's own cache, or in demo mode
 * one in the demo's temporary directory that already holds the demo account (its self-signed
 * certificate pinned, since the demo started that server itself). Opening touches the disk: call
 * it off the UI thread.
 */
public final class DesktopAccounts implements AutoCloseable {
  private final CacheDatabase db;
  private final AccountService service;

  private DesktopAccounts(CacheDatabase db) {
    this.db = db;
    this.service = new AccountService(db);
  }

  /** The user's cache in the data directory (KEYDESK_DATA_DIR or the platform default). */
  public static DesktopAccounts openUserCache() {
    return new DesktopAccounts(CacheDatabase.openInDataDirectory(Optional.empty(), Clock.systemUTC()));
  }

  /** A cache in {@code file} (tests). */
  public static DesktopAccounts open(Path file) {
    return new DesktopAccounts(CacheDatabase.open(file));
  }

  /** A cache in the demo's directory with the demo account added and its certificate pinned. */
  public static DesktopAccounts forDemo(DemoEnvironment demo) {
    DesktopAccounts accounts = open(demo.directory().resolve("keydesk-demo.db"));
    if (accounts.service.accounts().isEmpty()) {
      accounts.service.addAccount(
          demo.rpUrl(), DemoEnvironment.DEMO_EMAIL, Optional.of(demo.rpFingerprint()));
    }
    return accounts;
  }

  public AccountService service() {
    return service;
  }

  @Override
  public void close() {
    db.close();
  }
}
