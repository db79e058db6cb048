package io.keydesk.hid;

import java.util.List;
import java.util.Optional;

/** USB HID enumeration, opening and hotplug for {@link DeviceDiscovery}. */
interface UsbBackend {
  /** The attached FIDO devices; empty (never an exception) when USB HID is unavailable. */
  List<DeviceDescriptor> list();

  HidConnection open(DeviceDescriptor device) throws TransportException;

  void watch(DeviceListener listener);

  void unwatch(DeviceListener listener);

  /** Why USB devices cannot be listed here (e.g. hidapi failed to load), if so. */
  Optional<String> unavailableReason();
}
