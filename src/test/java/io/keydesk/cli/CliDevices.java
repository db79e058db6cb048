package io.keydesk.cli;

import io.keydesk.app.DeviceSession;
import io.keydesk.app.ResetFlow;
import io.keydesk.ctap2.CtapException;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.DeviceDiscovery;
import io.keydesk.hid.TransportException;
import io.keydesk.hid.UdpEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's device choice for tests outside this package (the real-key tier): a device named
 * exactly as {@code keydesk --device} accepts it (index, hidraw/hid4java path or id, {@code
 * udp:HOST:PORT[/LOCAL]}), resolved by {@link DeviceChoice} itself so the tier tests the key a user
 * would pick.
 */
public final class CliDevices {
  private CliDevices() {}

  /**
   * Opens {@code device} and allocates a CTAPHID channel; {@code timeout} is the per-call budget.
   */
  public static CtapHidDevice open(String device, Duration timeout) throws TransportException {
    try {
      return DeviceChoice.open(Optional.of(device), timeout);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The descriptor of {@code device} and the devices a reset flow watches for its re-plug. */
  public record Located(DeviceDescriptor descriptor, ResetFlow.Devices devices) {}

  /** Like {@code keydesk reset}: where {@code device} is, and how to see it leave and come back. */
  public static Located locate(String device, Duration timeout) throws TransportException {
    KeyDeskCommand root = new KeyDeskCommand();
    root.device = device;
    Sessions.Located located;
    try {
      located = Sessions.locate(root);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    DeviceDiscovery discovery = located.discovery();
    ResetFlow.Devices devices =
        new ResetFlow.Devices() {
          @Override
          public List<DeviceDescriptor> list() {
            return discovery.list();
          }

          @Override
          public DeviceSession open(DeviceDescriptor descriptor)
              throws TransportException, CtapException {
            return DeviceSession.open(discovery.open(descriptor), timeout);
          }
        };
    return new Located(located.descriptor(), devices);
  }

  /** Whether {@code device} names a UDP simulator rather than a USB key. */
  public static boolean isSimulator(String device) {
    return UdpEndpoint.looksLikeUdp(device.trim());
  }
}
