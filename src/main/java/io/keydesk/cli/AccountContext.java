package io.keydesk.cli;

import io.keydesk.app.AccountKey;
import io.keydesk.app.AccountService;
import io.keydesk.app.AccountSession;
import io.keydesk.store.Account;
import io.keydesk.store.CacheDatabase;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** What one {@code keydesk account ...} run works with: the cache, the service, the prompts, the key. */
final class AccountContext implements AutoCloseable {
  final CacheDatabase db;
  final AccountService service;
  final TerminalPrompts prompts;
  final PrintWriter out;
  final PrintWriter err;
  private final DeviceAccountKey key;

  AccountContext(KeyDeskCommand root, CommandSpec spec, AccountOptions options) {
    this.out = spec.commandLine().getOut();
    this.err = spec.commandLine().getErr();
    this.db = CacheDatabase.openInDataDirectory(options.dataDir(), Clock.systemUTC());
    this.service = new AccountService(db);
    this.prompts = new TerminalPrompts(options, err, System.in);
    this.key = new DeviceAccountKey(root, prompts);
    db.rebuildNotice().ifPresent(n -> err.println("keydesk: " + n.message()));
  }

  Account account(AccountOptions options) {
    return service.find(options.account());
  }

  /** The plugged-in key (--device, or the only one), opened when the server first asks for it. */
  Optional<AccountKey> key() {
    return Optional.of(key);
  }

  /** Logs in within this process (the session is never stored), prompting as needed. */
  AccountSession logIn(Account account) {
    return service.logIn(account, prompts, key());
  }

  @Override
  public void close() {
    out.flush();
    err.flush();
    key.close();
    db.close();
  }
}
