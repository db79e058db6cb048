package io.keydesk.store;

/**
 * The local cache could not do what was asked. The message is written for the user (what happened
 * and what they can do); {@link #kind()} lets the CLI and GUI react without parsing it.
 *
 * <p>Unchecked: every repository call can fail the same few ways, and the callers (use cases on a
 * worker thread) report it the same way.
 */
public class StoreException extends RuntimeException {

  /** Why the store failed, for programs. */
  public enum Kind {
    /** The file was written by a newer KeyDesk; it is left untouched. */
    NEWER_VERSION,
    /** Another KeyDesk process holds the file locked for too long. */
    IN_USE,
    /** The file or directory cannot be read, created or written (permissions, disk full...). */
    IO,
    /** The row would duplicate an existing one (e.g. the same account twice). */
    DUPLICATE,
    /** The row the operation refers to does not exist. */
    NOT_FOUND,
    /** The store was already closed. */
    CLOSED
  }

  private final Kind kind;

  public StoreException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
