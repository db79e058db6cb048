package io.keydesk.authenticator;

/** The authenticator state file cannot be read, is damaged, or cannot be written. */
public final class StateFileException extends Exception {
  public StateFileException(String message) {
    super(message);
  }

  public StateFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
