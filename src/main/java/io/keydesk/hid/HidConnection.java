package io.keydesk.hid;

import java.time.Duration;

/**
 * One raw HID channel to a device: 64-byte reports, without a report ID (only the hid4java
 * backend adds and strips it). Implementations: {@link Hid4javaConnection} (USB), {@link
 * UdpConnection} (firmware simulators) and the in-memory connection of the software
 * authenticator.
 */
public interface HidConnection extends AutoCloseable {
  int REPORT_SIZE = 64;

  /** Sends one 64-byte output report. */
  void write(byte[] report) throws TransportException;

  /**
   * Reads one 64-byte input report, waiting at most {@code timeout}.
   *
   * @return the report, or an empty array when the timeout passed with nothing to read
   * @throws TransportException when the device is gone or the read failed
   */
  byte[] read(Duration timeout) throws TransportException;

  /** A short description for messages and logs, such as a hidraw path or udp:127.0.0.1:8111. */
  String describe();

  @Override
  void close();
}
