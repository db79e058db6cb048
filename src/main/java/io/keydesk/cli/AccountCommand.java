package io.keydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.app.AccountKeysView;
import io.keydesk.app.AccountSession;
import io.keydesk.app.KeyRemovalResult;
import io.keydesk.rp.AccountStatus;
import io.keydesk.rp.CertificatePinning;
import io.keydesk.rp.SecurityKey;
import io.keydesk.rp.UntrustedCertificateException;
import io.keydesk.store.Account;
import io.keydesk.store.CachedKey;
import io.keydesk.store.LoggedEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keydesk account}: the security keys registered on your accounts at relying parties that
 * speak docs/rp-api.md. KeyDesk keeps no password or session on disk: every command that talks to
 * the server logs in within the same process (password, then the key, an authenticator-app code or
 * a backup code; codes are asked for or read from standard input, never taken as arguments).
 */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the security keys registered on your accounts.",
      "Nothing secret is stored: each command that needs the server logs in (password, then your"
          + " key, or --totp / --backup-code to be asked for a code instead). For scripts:"
          + " --password-stdin, --totp-stdin, --backup-code-stdin, --code-stdin, --pin-stdin read"
          + " one line each from standard input, in the order asked."
    },
    subcommands = {
      AccountCommand.Add.class,
      AccountCommand.Login.class,
      AccountCommand.Keys.class,
      AccountCommand.AddKey.class,
      AccountCommand.RenameKey.class,
      AccountCommand.RemoveKey.class,
      AccountCommand.Sudo.class,
      AccountCommand.Log.class
    })
final class AccountCommand {
  @ParentCommand KeyDeskCommand root;

  /** Base of the subcommands: the parent chain, the spec and the shared options. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand AccountCommand parent;
    @Spec CommandSpec spec;
    @Mixin AccountOptions options;

    AccountContext context() {
      return new AccountContext(parent.root, spec, options);
    }

    /** Logs in to the chosen account, runs {@code action} in that session, then logs out. */
    Integer loggedIn(LoggedIn action) {
      try (AccountContext ctx = context()) {
        Account account = ctx.account(options);
        try (AccountSession session = ctx.logIn(account)) {
          action.run(ctx, account, session);
        }
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }

  /** What a subcommand does within one login. */
  @FunctionalInterface
  interface LoggedIn {
    void run(AccountContext ctx, Account account, AccountSession session);
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an account (checks the server's certificate; pins a self-signed one only when you confirm its fingerprint).")
  static final class Add extends Sub {
    @Parameters(index = "0", paramLabel = "URL", description = "The server, e.g. https://rp.example.com or https://localhost:8443.")
    String url;

    @Parameters(index = "1", paramLabel = "USERNAME", description = "Your user name (email) there.")
    String username;

    @Option(names = "--pin-fingerprint", paramLabel = "SHA256", description = "Trust exactly the server certificate with this SHA-256 fingerprint (as 'keydesk server' prints it).")
    String pin;

    @Option(names = "--sign-up", description = "Also create the account at the server (asks for a new password).")
    boolean signUp;

    @Override
    public Integer call() throws UsageException {
      try (AccountContext ctx = context()) {
        Account account;
        try {
          account = ctx.service.addAccount(url, username, Optional.ofNullable(pin));
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage()); // a malformed URL, user name or fingerprint
        } catch (UntrustedCertificateException e) {
          if (pin != null || e.reason() != UntrustedCertificateException.Reason.NOT_TRUSTED) {
            throw e;
          }
          ctx.err.println("The server's certificate is not trusted by this computer (" + e.subject() + ").");
          ctx.err.println("SHA-256 fingerprint: " + e.displayFingerprint());
          // --yes never pins a certificate: a script must name the fingerprint it expects.
          if (!ctx.prompts.confirmOnTerminal(
              "Pin this certificate only if the fingerprint matches the one the server's operator gave you.")) {
            throw new UsageException(
                "The server's certificate (SHA-256 " + e.displayFingerprint() + ") was not pinned, so the"
                    + " account was not added. Compare the fingerprint with the one the server's operator"
                    + " gave you, then run again with --pin-fingerprint SHA256.");
          }
          account = ctx.service.addAccount(url, username, Optional.of(e.fingerprint()));
        }
        ctx.out.println("Added account " + account.id() + ": " + account.username() + " at " + account.rpUrl());
        account.pinnedFingerprint().ifPresent(f -> ctx.out.println("Pinned certificate SHA-256 " + CertificatePinning.display(f)));
        if (signUp) {
          char[] password = ctx.prompts.password(account).orElseThrow(() -> new CommandFailure("No password given; the account was added locally but not created at the server."));
          ctx.service.signUp(account, password);
          ctx.out.println("Created " + account.username() + " at the server.");
        }
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }

  @Command(name = "login", mixinStandardHelpOptions = true, description = "Log in (password, then the key or another second factor), show the account's state and refresh the cached key list. Nothing is kept on disk.")
  static final class Login extends Sub {
    @Override
    public Integer call() {
      return loggedIn(
          (ctx, account, session) -> {
            AccountStatus status = ctx.service.status(session);
            AccountKeysView view = ctx.service.sync(session);
            ctx.out.println("Logged in as " + status.email() + " at " + account.rpUrl() + ".");
            ctx.out.println(twoFactorLine(status));
            view.recommendation().ifPresent(ctx.out::println);
          });
    }
  }

  @Command(name = "keys", mixinStandardHelpOptions = true, description = "List the account's keys (logs in and refreshes; when the server can't be reached, shows the cached list, marked stale).")
  static final class Keys extends Sub {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--cached", description = "Show the cached list without contacting the server.")
    boolean cached;

    @Override
    public Integer call() throws Exception {
      try (AccountContext ctx = context()) {
        Account account = ctx.account(options);
        AccountKeysView view =
            cached ? ctx.service.cachedKeys(account, Optional.empty()) : ctx.service.currentKeys(account, ctx::logIn);
        if (json) {
          ctx.out.println(toJson(view));
        } else {
          printKeys(ctx, view);
        }
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }

  @Command(name = "add-key", mixinStandardHelpOptions = true, description = "Register the plugged-in key (--device) at the account; the server may email a confirmation code first.")
  static final class AddKey extends Sub {
    @Option(names = "--name", required = true, description = "A name for the key (1 to 100 characters).")
    String name;

    @Override
    public Integer call() {
      return loggedIn(
          (ctx, account, session) -> {
            SecurityKey key = ctx.service.addKey(session, name, ctx.key().orElseThrow(), ctx.prompts);
            ctx.out.println("Added key \"" + key.name() + "\" (" + key.id() + ").");
            AccountKeysView view = ctx.service.cachedKeys(account, Optional.empty());
            view.recommendation().ifPresent(ctx.out::println);
          });
    }
  }

  @Command(name = "rename-key", mixinStandardHelpOptions = true, description = "Rename a key (ID as 'account keys' shows it).")
  static final class RenameKey extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      return loggedIn(
          (ctx, account, session) -> {
            SecurityKey key = ctx.service.renameKey(session, id, name);
            ctx.out.println("Renamed key " + key.id() + " to \"" + key.name() + "\".");
          });
    }
  }

  @Command(name = "remove-key", mixinStandardHelpOptions = true, description = "Remove a key from the account (asks before removing the last one).")
  static final class RemoveKey extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return loggedIn(
          (ctx, account, session) -> {
            KeyRemovalResult result = ctx.service.removeKey(session, id, ctx.prompts);
            ctx.out.println("Removed key \"" + result.keyName() + "\" (" + result.keyId() + ").");
            result.warning().ifPresent(ctx.out::println);
            result.keys().recommendation().ifPresent(ctx.out::println);
          });
    }
  }

  @Command(name = "sudo", mixinStandardHelpOptions = true, description = "Confirm it is you by the emailed code (sudo mode for this login; mostly to check email delivery).")
  static final class Sudo extends Sub {
    @Override
    public Integer call() {
      return loggedIn(
          (ctx, account, session) -> {
            ctx.service.enterSudo(session, ctx.prompts);
            ctx.out.println("Confirmed: sudo mode until " + ctx.service.status(session).sudoUntil().map(Instant::toString).orElse("?") + " for this login.");
          });
    }
  }

  @Command(name = "log", mixinStandardHelpOptions = true, description = "Show what KeyDesk did on the account (newest first).")
  static final class Log extends Sub {
    @Option(names = "--limit", defaultValue = "50", description = "How many events (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      try (AccountContext ctx = context()) {
        Account account = ctx.account(options);
        for (LoggedEvent e : ctx.service.log(account, limit)) {
          StringBuilder line = new StringBuilder();
          line.append(e.at()).append("  ").append(String.format(Locale.ROOT, "%-14s", e.event().action()))
              .append(' ').append(e.event().result());
          e.event().keyName().ifPresent(n -> line.append("  \"").append(n).append('"'));
          e.event().keyId().ifPresent(k -> line.append(" (").append(k).append(')'));
          e.event().message().ifPresent(m -> line.append("  ").append(m));
          ctx.out.println(line);
        }
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }

  static String twoFactorLine(AccountStatus status) {
    var tf = status.twoFactor();
    return "Two-factor: " + (tf.active() ? "ON" : "OFF") + " (" + tf.securityKeys() + (tf.securityKeys() == 1 ? " key" : " keys")
        + (tf.totp() ? ", authenticator app" : "") + ", " + tf.backupCodesRemaining() + " backup codes left)";
  }

  static void printKeys(AccountContext ctx, AccountKeysView view) {
    Account account = view.account();
    ctx.out.println(account.username() + " at " + account.rpUrl()
        + view.twoFactorActive().map(on -> "    Two-factor: " + (on ? "ON" : "OFF")).orElse(""));
    view.staleNotice().ifPresent(n -> ctx.out.println("(offline) " + n));
    if (view.keys().isEmpty()) {
      ctx.out.println("No security keys registered.");
    } else {
      ctx.out.println(String.format(Locale.ROOT, "%-36s  %-24s  %-10s  %-10s  %s", "ID", "NAME", "ADDED", "LAST USED", "NOTES"));
      for (CachedKey key : view.keys()) {
        String notes = (key.isLast() ? "only key" : "") + (key.possiblyCloned() ? (key.isLast() ? ", " : "") + "POSSIBLY CLONED" : "");
        ctx.out.println(String.format(Locale.ROOT, "%-36s  %-24s  %-10s  %-10s  %s", key.credentialId(), key.name(),
            key.created().map(t -> t.toString().substring(0, 10)).orElse("?"),
            key.lastUsed().map(t -> t.toString().substring(0, 10)).orElse("never"), notes));
      }
    }
    view.recommendation().ifPresent(ctx.out::println);
  }

  static String toJson(AccountKeysView view) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("account", view.account().username());
    root.put("rpUrl", view.account().rpUrl());
    root.put("stale", view.stale());
    root.put("syncedAt", view.syncedAt().map(Instant::toString).orElse(null));
    if (view.twoFactorActive().isPresent()) {
      root.put("twoFactorActive", view.twoFactorActive().get());
    } else {
      root.putNull("twoFactorActive");
    }
    ArrayNode keys = root.putArray("keys");
    for (CachedKey key : view.keys()) {
      ObjectNode k = keys.addObject();
      k.put("id", key.credentialId());
      k.put("name", key.name());
      k.put("created", key.created().map(Instant::toString).orElse(null));
      k.put("lastUsed", key.lastUsed().map(Instant::toString).orElse(null));
      k.put("aaguid", key.aaguid().map(Object::toString).orElse(null));
      key.transports().forEach(k.putArray("transports")::add);
      k.put("signCount", key.signCount().orElse(null));
      k.put("possiblyCloned", key.possiblyCloned());
      k.put("lastKey", key.isLast());
    }
    root.put("recommendation", view.recommendation().orElse(null));
    return mapper.writeValueAsString(root);
  }
}
