package io.keydesk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed operation into one actionable line on stderr and exit code 1; with --verbose the
 * stack trace follows. Usage errors (exit 2) are reported by picocli itself.
 *
 * <p>Our own exception types (and I/O errors) carry messages written for the user and are shown as
 * they are. Anything else is a bug, and its message ("Cannot invoke ... because ... is null") would
 * mean nothing to the user: it is reported as an internal error. A {@link LinkageError} (which
 * {@link #wrapErrors} brings here) almost always means the native HID library could not be loaded.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private static final String OUR_PACKAGES = "io.keydesk.";
  private final KeyDeskCommand root;

  ErrorReporter(KeyDeskCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception error, CommandLine command, ParseResult parsed) {
    Throwable cause =
        error instanceof CommandLine.ExecutionException && error.getCause() instanceof Error
            ? error.getCause()
            : error;
    if (cause instanceof UsageException) {
      command.getErr().println("keydesk: " + cause.getMessage());
      return KeyDeskCommand.EXIT_USAGE;
    }
    command.getErr().println("keydesk: " + message(cause));
    if (root.verbose) {
      cause.printStackTrace(command.getErr());
    }
    return KeyDeskCommand.EXIT_FAILED;
  }

  static String message(Throwable error) {
    if (error instanceof LinkageError) {
      return "The native HID library (hidapi, bundled with hid4java) cannot be loaded on this"
          + " platform ("
          + System.getProperty("os.name", "?")
          + " "
          + System.getProperty("os.arch", "?")
          + ": "
          + brief(error)
          + "). USB security keys are unavailable; a simulator (--device udp:HOST:PORT) still"
          + " works. On Linux, check that libudev is installed; run again with --verbose for"
          + " details.";
    }
    if (isKnown(error)) {
      return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
    return "Internal error: "
        + brief(error)
        + ". Run again with --verbose and report it.";
  }

  /** Exceptions whose messages are written for the user. */
  private static boolean isKnown(Throwable error) {
    return error.getClass().getName().startsWith(OUR_PACKAGES)
        || error instanceof IOException
        || error instanceof UncheckedIOException;
  }

  /** The exception's simple name and the first line of its message, at most 120 characters. */
  private static String brief(Throwable error) {
    String text = error.getClass().getSimpleName();
    String message = error.getMessage();
    if (message != null && !message.isBlank()) {
      String first = message.lines().findFirst().orElse("").strip();
      text += ": " + (first.length() > 120 ? first.substring(0, 117) + "..." : first);
    }
    return text;
  }

  /**
   * An execution strategy that hands {@link Error}s thrown by a command (such as hid4java's
   * UnsatisfiedLinkError) to the exception handler instead of letting them escape as a stack
   * trace.
   */
  static CommandLine.IExecutionStrategy wrapErrors(CommandLine.IExecutionStrategy strategy) {
    return parseResult -> {
      try {
        return strategy.execute(parseResult);
      } catch (LinkageError | AssertionError | StackOverflowError e) {
        CommandLine last = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
        throw new CommandLine.ExecutionException(last, e.toString(), e);
      }
    };
  }
}
