package io.keydesk.hid;

/**
 * The few calls {@link Hid4javaConnection} makes on a hid4java {@code HidDevice}, behind an
 * interface so the report-ID and error handling can be tested without a native device.
 */
interface NativeHid {
  /** The platform path, e.g. /dev/hidraw3 on Linux. */
  String path();

  /**
   * @return false when hidapi returned a null handle
   */
  boolean open();

  /** Writes {@code length} bytes after the report ID; returns bytes written or -1. */
  int write(byte[] data, int length, byte reportId);

  /** Reads one input report into {@code buffer}; returns its length, 0 on timeout, -1 on error. */
  int read(byte[] buffer, int timeoutMillis);

  String lastError();

  void close();
}
