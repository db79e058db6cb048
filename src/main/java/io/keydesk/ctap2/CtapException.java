package io.keydesk.ctap2;

/**
 * The authenticator answered with an error status. The message says what happened and what the user
 * can do; {@link #status()} carries the code for programs.
 */
public class CtapException extends Exception {
  private final CtapStatus status;

  public CtapException(CtapStatus status) {
    super(status.message());
    this.status = status;
  }

  public CtapException(CtapStatus status, String message) {
    super(message);
    this.status = status;
  }

  public CtapStatus status() {
    return status;
  }
}
