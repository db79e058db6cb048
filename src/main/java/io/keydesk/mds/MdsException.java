package io.keydesk.mds;

/**
 * A FIDO metadata BLOB or cache KeyDesk refuses: the message says what is wrong and what the user
 * can do (download a fresh BLOB, import again...).
 */
public final class MdsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MdsException(String message) {
    super(message);
  }

  public MdsException(String message, Throwable cause) {
    super(message, cause);
  }
}
