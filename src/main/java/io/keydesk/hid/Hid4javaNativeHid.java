package io.keydesk.hid;

import org.hid4java.HidDevice;

/** {@link NativeHid} on hid4java's {@link HidDevice} (hidapi 0.14 underneath). */
final class Hid4javaNativeHid implements NativeHid {
  private final HidDevice device;

  Hid4javaNativeHid(HidDevice device) {
    this.device = device;
  }

  @Override
  public String path() {
    return device.getPath();
  }

  @Override
  public boolean open() {
    return device.open();
  }

  @Override
  public int write(byte[] data, int length, byte reportId) {
    return device.write(data, length, reportId);
  }

  @Override
  public int read(byte[] buffer, int timeoutMillis) {
    return device.read(buffer, timeoutMillis);
  }

  @Override
  public String lastError() {
    return device.getLastErrorMessage();
  }

  @Override
  public void close() {
    device.close();
  }
}
