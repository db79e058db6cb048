package io.keydesk.app.desktop;

import io.keydesk.hid.DeviceDescriptor;
import java.util.Objects;

/**
 * A security key in the GUI's list: where it is and what it says it is, without the HID types.
 *
 * @param id the path (/dev/hidraw3) or simulator address (udp:127.0.0.1:8111)
 * @param product the product string the device reports
 * @param manufacturer the manufacturer string (may be empty)
 * @param vendorProduct {@code vvvv:pppp}, as lsusb prints it
 * @param transport usb or udp
 */
public record KeyRef(
    String id, String product, String manufacturer, String vendorProduct, String transport) {
  public KeyRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(vendorProduct, "vendorProduct");
    Objects.requireNonNull(transport, "transport");
  }

  static KeyRef of(DeviceDescriptor device) {
    return new KeyRef(
        device.id(),
        device.product().isBlank() ? "FIDO security key" : device.product(),
        device.manufacturer(),
        device.vendorProduct(),
        device.transport().label());
  }

  /** A name for lists before getInfo is read. */
  public String displayName() {
    return product;
  }
}
