package io.keydesk.cli;

import io.keydesk.app.AccountPrompts;
import io.keydesk.app.SecondFactor;
import io.keydesk.rp.LoginStep;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.store.Account;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks on the terminal: prompts go to stderr, answers come from the console (passwords, PINs and
 * codes unechoed) or, with the --*-stdin options or without a console, from standard input, one
 * line per answer in the order asked. Every answer goes through one {@link SecretInput}, which
 * reads standard input lazily and byte by byte, so a script can feed the emailed code once the
 * email has arrived.
 */
final class TerminalPrompts implements AccountPrompts {
  private final AccountOptions options;
  private final PrintWriter err;
  private final SecretInput input;

  TerminalPrompts(AccountOptions options, PrintWriter err, InputStream in) {
    this.options = options;
    this.err = err;
    this.input = new SecretInput(in, err);
  }

  @Override
  public Optional<char[]> password(Account account) {
    return secret("Password for " + account.username() + " at " + account.rpUrl() + ": ", options.passwordStdin);
  }

  @Override
  public Optional<SecondFactor> secondFactor(Account account, LoginStep.SecondFactorRequired step, boolean keyAvailable) {
    // Codes are never taken as arguments (ps and shell history would show them).
    if (options.totp || options.totpStdin) {
      return code("Code from your authenticator app: ", options.totpStdin)
          .map(SecondFactor.Totp::new);
    }
    if (options.backupCode || options.backupCodeStdin) {
      return code("One of your backup codes: ", options.backupCodeStdin)
          .map(SecondFactor.BackupCode::new);
    }
    if (keyAvailable && step.offers(LoginStep.SECURITY_KEY)) {
      return Optional.of(new SecondFactor.UseSecurityKey());
    }
    if (step.offers(LoginStep.TOTP)) {
      return code("Code from your authenticator app: ", false).map(SecondFactor.Totp::new);
    }
    if (step.offers(LoginStep.BACKUP_CODE)) {
      return code("One of your backup codes: ", false).map(SecondFactor.BackupCode::new);
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
    return code("Code: ", options.codeStdin);
  }

  @Override
  public boolean confirm(String warning) {
    err.println(warning);
    if (options.yes) {
      err.println("Continuing (--yes).");
      err.flush();
      return true;
    }
    Console console = System.console();
    if (console != null) {
      String answer = console.readLine("%s", "Type yes to continue: ");
      return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
    }
    err.print("Type yes to continue: ");
    err.flush();
    Optional<char[]> answer = secret("", true, "answer", "--yes");
    err.println();
    return answer.map(a -> new String(a).trim().toLowerCase(Locale.ROOT).equals("yes")).orElse(false);
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
    return new ConsoleInteraction(err, options.pinStdin ? Optional.of(input) : Optional.empty());
  }

  /** Where prompts go (stderr). */
  PrintWriter err() {
    return err;
  }

  void say(String text) {
    err.println(text);
    err.flush();
  }

  private Optional<char[]> secret(String prompt, boolean fromStdin) {
    return secret(prompt, fromStdin, "password or PIN", "the --*-stdin option");
  }

  /**
   * A secret from the console without echo, or a line of standard input with {@code fromStdin}
   * or without a console; empty when blank or at the end of input.
   */
  private Optional<char[]> secret(String prompt, boolean fromStdin, String what, String option) {
    boolean stdin = fromStdin || System.console() == null;
    if (stdin && !fromStdin) {
      err.print(prompt);
      err.flush();
    }
    try {
      Optional<char[]> read = input.read(prompt, stdin, what, option);
      if (stdin && !fromStdin) {
        err.println();
      }
      if (read.isPresent() && read.get().length == 0) {
        return Optional.empty();
      }
      return read;
    } catch (UsageException e) {
      throw new CommandFailure(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read standard input: " + e.getMessage(), e);
    }
  }

  /**
   * A one-time code, stripped of surrounding blanks. It becomes a String only here, at the edge of
   * the app layer's API; the char[] it was read into is zeroed.
   */
  private Optional<String> code(String prompt, boolean fromStdin) {
    Optional<char[]> read = secret(prompt, fromStdin, "code", "--code-stdin");
    if (read.isEmpty()) {
      return Optional.empty();
    }
    char[] stripped = SecretInput.strip(read.get());
    try {
      return stripped.length == 0 ? Optional.empty() : Optional.of(new String(stripped));
    } finally {
      Arrays.fill(stripped, '\0');
    }
  }
}
