package io.keydesk.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every {@code keydesk account} subcommand shares: where the cache is, which account, and how to answer prompts in a script. */
final class AccountOptions {
  @Option(
      names = "--data-dir",
      description = "Directory of KeyDesk's local cache (default: the platform's data directory, or $KEYDESK_DATA_DIR).")
  Path dataDir;

  @Option(
      names = {"-a", "--account"},
      description = "Which account: its number, its user name, or USER@URL (default: the only one).")
  String account;

  @Option(
      names = "--password-stdin",
      description = "Read the account password from the next line of standard input.")
  boolean passwordStdin;

  @Option(
      names = "--pin-stdin",
      description = "Read the security key's PIN from the next line of standard input.")
  boolean pinStdin;

  @Option(
      names = "--code-stdin",
      description = "Read the emailed confirmation code from the next line of standard input (read only when the server sends one).")
  boolean codeStdin;

  @Option(
      names = "--totp",
      description = "Finish the login with an authenticator-app code (asked for, not echoed) instead of the security key.")
  boolean totp;

  @Option(
      names = "--totp-stdin",
      description = "Like --totp, reading the code from the next line of standard input.")
  boolean totpStdin;

  @Option(
      names = "--backup-code",
      description = "Finish the login with one of your backup codes (asked for, not echoed) instead of the security key.")
  boolean backupCode;

  @Option(
      names = "--backup-code-stdin",
      description = "Like --backup-code, reading the code from the next line of standard input.")
  boolean backupCodeStdin;

  @Option(names = {"-y", "--yes"}, description = "Answer yes to confirmations such as removing the last key (never to pinning a certificate: use --pin-fingerprint).")
  boolean yes;

  Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  Optional<String> account() {
    return Optional.ofNullable(account);
  }
}
