package io.keydesk.hid;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A FIDO device found by {@link DeviceDiscovery}: where it is ({@link #id()}, e.g. /dev/hidraw3 or
 * udp:127.0.0.1:8111) and what it says it is. FIDO devices announce HID usage page 0xF1D0, usage 1
 * (CTAP 2.1 section 11.2.8.1).
 */
public record DeviceDescriptor(
    String id,
    Transport transport,
    int vendorId,
    int productId,
    String manufacturer,
    String product,
    Optional<String> serial,
    int usagePage) {
  public static final int FIDO_USAGE_PAGE = 0xF1D0;
  public static final int FIDO_USAGE = 0x01;

  /** How the host reaches the device. */
  public enum Transport {
    USB,
    UDP;

    /** Lower-case name for tables and JSON: usb, udp. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DeviceDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(serial, "serial");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a device id must not be blank");
    }
    for (int value : new int[] {vendorId, productId, usagePage}) {
      if (value < 0 || value > 0xFFFF) {
        throw new IllegalArgumentException("vendor, product and usage page are 16-bit values");
      }
    }
    serial = serial.filter(s -> !s.isBlank());
  }

  /** {@code vvvv:pppp} in hex, as lsusb prints it. */
  public String vendorProduct() {
    return String.format("%04x:%04x", vendorId, productId);
  }
}
