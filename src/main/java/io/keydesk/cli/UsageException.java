package io.keydesk.cli;

/** The command line was well-formed but does not say enough, e.g. several devices and no choice. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
