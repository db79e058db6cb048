package io.keydesk.store;

import java.util.Optional;
import java.util.UUID;

/**
 * How a hardware key is recognised again: its model's AAGUID plus its serial number when it reports
 * one, otherwise the HID path it was seen at (which can change when it is re-plugged).
 */
public record DeviceIdentity(UUID aaguid, Optional<String> serial, Optional<String> hidPath) {
  public DeviceIdentity {
    if (aaguid == null) {
      throw new IllegalArgumentException("aaguid must not be null (use the all-zero AAGUID)");
    }
    serial = serial.filter(s -> !s.isBlank());
    hidPath = hidPath.filter(p -> !p.isBlank());
    if (serial.isEmpty() && hidPath.isEmpty()) {
      throw new IllegalArgumentException("a device is identified by a serial number or HID path");
    }
  }

  public static DeviceIdentity bySerial(UUID aaguid, String serial) {
    return new DeviceIdentity(aaguid, Optional.of(serial), Optional.empty());
  }

  public static DeviceIdentity byPath(UUID aaguid, String hidPath) {
    return new DeviceIdentity(aaguid, Optional.empty(), Optional.of(hidPath));
  }

  /** The unique key of the row: the serial wins over the path. */
  String key() {
    return serial
        .map(s -> aaguid + "/serial/" + s)
        .orElseGet(() -> aaguid + "/path/" + hidPath.get());
  }
}
