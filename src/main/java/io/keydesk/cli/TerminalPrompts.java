package io.keydesk.cli;

import io.keydesk.app.AccountPrompts;
import io.keydesk.app.SecondFactor;
import io.keydesk.rp.LoginStep;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.store.Account;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks on the terminal: prompts go to stderr, answers come from the console (passwords and PINs
 * unechoed) or, with the --*-stdin options or without a console, from standard input, one line per
 * answer in the order asked. Standard input is read lazily, so a script can feed the emailed code
 * once the email has arrived.
 */
final class TerminalPrompts implements AccountPrompts {
  private final AccountOptions options;
  private final PrintWriter err;
  private final InputStream in;
  private BufferedReader stdin;

  TerminalPrompts(AccountOptions options, PrintWriter err, InputStream in) {
    this.options = options;
    this.err = err;
    this.in = in;
  }

  @Override
  public Optional<char[]> password(Account account) {
    return secret("Password for " + account.username() + " at " + account.rpUrl() + ": ", options.passwordStdin);
  }

  @Override
  public Optional<SecondFactor> secondFactor(Account account, LoginStep.SecondFactorRequired step, boolean keyAvailable) {
    if (options.totp != null) {
      return Optional.of(new SecondFactor.Totp(options.totp));
    }
    if (options.backupCode != null) {
      return Optional.of(new SecondFactor.BackupCode(options.backupCode));
    }
    if (keyAvailable && step.offers(LoginStep.SECURITY_KEY)) {
      return Optional.of(new SecondFactor.UseSecurityKey());
    }
    if (step.offers(LoginStep.TOTP)) {
      return line("Code from your authenticator app: ", false).map(SecondFactor.Totp::new);
    }
    if (step.offers(LoginStep.BACKUP_CODE)) {
      return line("One of your backup codes: ", false).map(SecondFactor.BackupCode::new);
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> sudoCode(Account account, SudoCodeRequest request, Optional<String> problem) {
    problem.ifPresent(p -> err.println(p));
    err.println(
        (request.sent()
                ? "This action needs confirmation: we sent a 6-digit code to " + account.username()
                : "This action needs confirmation: use the code sent to " + account.username() + " earlier")
            + " (valid until " + request.expiresAt() + ").");
    err.flush();
    return line("Code: ", options.codeStdin);
  }

  @Override
  public boolean confirm(String warning) {
    err.println(warning);
    if (options.yes) {
      err.println("Continuing (--yes).");
      err.flush();
      return true;
    }
    Optional<String> answer = line("Type yes to continue: ", false);
    return answer.map(a -> a.trim().toLowerCase(Locale.ROOT).equals("yes")).orElse(false);
  }

  /**
   * Asks on the terminal only: {@code --yes} and standard input do not count, so nothing is
   * confirmed without a person at a terminal (used for trusting a certificate on first use).
   */
  boolean confirmOnTerminal(String warning) {
    err.println(warning);
    err.flush();
    Console console = System.console();
    if (console == null) {
      return false;
    }
    String answer = console.readLine("%s", "Type yes to continue: ");
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
  }

  /** The key's PIN (for the security-key prompts). */
  Optional<char[]> pin(String prompt) {
    return secret(prompt + " ", options.pinStdin);
  }

  /** Touch and PIN prompts for the WebAuthn client, sharing this standard-input reader. */
  ConsoleInteraction interaction() {
    return new ConsoleInteraction(err, options.pinStdin ? Optional.of(stdin()) : Optional.empty());
  }

  private BufferedReader stdin() {
    if (stdin == null) {
      stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return stdin;
  }

  void say(String text) {
    err.println(text);
    err.flush();
  }

  private Optional<char[]> secret(String prompt, boolean fromStdin) {
    Console console = System.console();
    if (!fromStdin && console != null) {
      char[] read = console.readPassword("%s", prompt);
      return read == null || read.length == 0 ? Optional.empty() : Optional.of(read);
    }
    return line(prompt, fromStdin).map(String::toCharArray);
  }

  private Optional<String> line(String prompt, boolean fromStdin) {
    Console console = System.console();
    if (!fromStdin && console != null) {
      String read = console.readLine("%s", prompt);
      return read == null || read.isBlank() ? Optional.empty() : Optional.of(read.trim());
    }
    if (!fromStdin) {
      err.print(prompt);
      err.flush();
    }
    try {
      String read = stdin().readLine();
      if (!fromStdin) {
        err.println();
      }
      return read == null || read.isBlank() ? Optional.empty() : Optional.of(read.strip());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read standard input: " + e.getMessage(), e);
    }
  }
}
