package io.keydesk.cli;

/**
 * A failure the CLI explains to the user in its own words (what happened and what to do); the
 * message is shown as is, with exit code 1.
 */
final class CommandFailure extends RuntimeException {
  CommandFailure(String message) {
    super(message);
  }

  CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
