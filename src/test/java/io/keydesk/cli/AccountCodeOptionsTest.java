package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.SecondFactor;
import io.keydesk.rp.LoginStep;
import io.keydesk.store.Account;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One-time codes are never command-line arguments: they are asked for or read from stdin. */
class AccountCodeOptionsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static final Account ACCOUNT =
      new Account(
          1, "https://localhost:8443", "a@example.com", Optional.empty(), Optional.empty(),
          Instant.EPOCH);
  private static final LoginStep.SecondFactorRequired STEP =
      new LoginStep.SecondFactorRequired(
          "t",
          Instant.EPOCH,
          List.of(LoginStep.SECURITY_KEY, LoginStep.TOTP, LoginStep.BACKUP_CODE),
          Optional.empty());

  private TerminalPrompts prompts(AccountOptions options, String stdin) {
    return new TerminalPrompts(
        options,
        new PrintWriter(err, true),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void totpStdinReadsTheCodeAfterThePassword() {
    AccountOptions options = new AccountOptions();
    options.passwordStdin = true;
    options.totpStdin = true;
    TerminalPrompts prompts = prompts(options, "pw\n123456\n");
    assertThat(prompts.password(ACCOUNT)).isPresent();
    assertThat(prompts.secondFactor(ACCOUNT, STEP, true)).contains(new SecondFactor.Totp("123456"));
  }

  @Test
  void backupCodeStdinIsPreferredOverTheKey() {
    AccountOptions options = new AccountOptions();
    options.backupCodeStdin = true;
    assertThat(prompts(options, "abcd-efgh\n").secondFactor(ACCOUNT, STEP, true))
        .contains(new SecondFactor.BackupCode("abcd-efgh"));
  }

  @Test
  void aCodeAsAnArgumentIsRefused() {
    CommandLine commandLine = KeyDeskCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit =
        commandLine.execute(
            "account", "login", "--data-dir", dir.toString(), "--totp", "123456");
    assertThat(exit).isEqualTo(KeyDeskCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("Unmatched argument");

    StringWriter help = new StringWriter();
    CommandLine login = KeyDeskCommand.newCommandLine().getSubcommands().get("account")
        .getSubcommands().get("login");
    login.usage(new PrintWriter(help));
    assertThat(help.toString())
        .contains("--totp-stdin")
        .contains("--backup-code-stdin")
        .doesNotContain("--totp=CODE")
        .doesNotContain("--backup-code=CODE");
  }
}
