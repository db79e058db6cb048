package io.keydesk.app;

/**
 * An account action did not happen: cancelled by the user, refused while offline, or not possible
 * as asked. The message is for the user and says nothing was changed where that is so.
 */
public class AccountActionException extends RuntimeException {
  /** Why, for programs. */
  public enum Kind {
    CANCELLED,
    OFFLINE,
    INVALID,
    NOT_FOUND,
    NO_KEY
  }

  private final Kind kind;

  public AccountActionException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public AccountActionException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
