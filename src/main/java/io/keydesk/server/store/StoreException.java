package io.keydesk.server.store;

/** The database failed; the message names the operation and the SQLite error. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
