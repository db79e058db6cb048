package io.keydesk.hid;

/**
 * A connection found that its device cannot be reached (unplugged, nothing listening, no
 * permission) and its message already says what to do; {@link CtapHidDevice} passes it on as is.
 */
public class DeviceUnavailableException extends TransportException {
  public DeviceUnavailableException(String message) {
    super(message);
  }

  public DeviceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
