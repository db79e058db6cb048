package io.keydesk.hid;

/** The channel to the device failed: unplugged, unreachable, timed out or not permitted. */
public class TransportException extends Exception {
  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
