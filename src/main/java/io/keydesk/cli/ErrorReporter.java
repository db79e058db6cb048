package io.keydesk.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed operation into one actionable line on stderr and exit code 1; with --verbose the
 * stack trace follows. Usage errors (exit 2) are reported by picocli itself.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private final KeyDeskCommand root;

  ErrorReporter(KeyDeskCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception error, CommandLine command, ParseResult parsed) {
    if (error instanceof UsageException) {
      command.getErr().println("keydesk: " + error.getMessage());
      return KeyDeskCommand.EXIT_USAGE;
    }
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    command.getErr().println("keydesk: " + message);
    if (root.verbose) {
      error.printStackTrace(command.getErr());
    }
    return KeyDeskCommand.EXIT_FAILED;
  }
}
