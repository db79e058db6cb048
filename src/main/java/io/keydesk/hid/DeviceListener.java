package io.keydesk.hid;

/**
 * Told when a FIDO device appears or goes away. Called on a discovery thread (hid4java's scanner
 * for USB, a poller for UDP simulators); must not block.
 */
public interface DeviceListener {
  void deviceAdded(DeviceDescriptor device);

  void deviceRemoved(DeviceDescriptor device);
}
