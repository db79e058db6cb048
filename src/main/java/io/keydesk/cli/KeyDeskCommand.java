package io.keydesk.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code keydesk} command line. Exit codes: 0 ok, 1 the operation failed, 2 usage error. */
@Command(
    name = "keydesk",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manage FIDO2 security keys and the keys registered on your accounts.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DevicesCommand.class,
      InfoCommand.class,
      WinkCommand.class,
      PingCommand.class,
      PinCommand.class,
      ResetCommand.class,
      MakeCredentialCommand.class,
      GetAssertionCommand.class,
      WebAuthnCommand.class,
      AccountCommand.class,
      MdsCommand.class,
      SimulatorCommand.class,
      ServerCommand.class
    })
public final class KeyDeskCommand {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  @Option(
      names = {"-d", "--device"},
      scope = ScopeType.INHERIT,
      description = "Device to use: an index or path from 'keydesk devices', or udp:HOST:PORT.")
  String device;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show details (and stack traces) of errors.")
  boolean verbose;

  /** Runs the CLI and returns the exit code. */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    KeyDeskCommand root = new KeyDeskCommand();
    CommandLine commandLine = new CommandLine(root);
    commandLine.setExecutionExceptionHandler(new ErrorReporter(root));
    commandLine.setExecutionStrategy(ErrorReporter.wrapErrors(new CommandLine.RunLast()));
    return commandLine;
  }
}
