package io.keydesk.cli;

import io.keydesk.app.DeviceSession;
import io.keydesk.ctap2.CtapException;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.DeviceDiscovery;
import io.keydesk.hid.TransportException;
import io.keydesk.hid.UdpEndpoint;
import java.util.List;
import java.util.Optional;

/** Opens the device a command works on as a {@link DeviceSession} (getInfo read once). */
final class Sessions {
  private Sessions() {}

  static DeviceSession open(KeyDeskCommand root)
      throws TransportException, UsageException, CtapException {
    return DeviceSession.of(DeviceChoice.open(root));
  }

  /** For commands that may wait for a touch or a fingerprint ({@link DeviceChoice#TOUCH_TIMEOUT}). */
  static DeviceSession openForTouch(KeyDeskCommand root)
      throws TransportException, UsageException, CtapException {
    return DeviceSession.of(DeviceChoice.openForTouch(root));
  }

  /** The chosen device with a discovery that can see it come and go (for the reset flow). */
  record Located(DeviceDescriptor descriptor, DeviceDiscovery discovery) {}

  static Located locate(KeyDeskCommand root) throws TransportException, UsageException {
    Optional<String> requested = Optional.ofNullable(root.device).map(String::trim);
    if (requested.isPresent() && UdpEndpoint.looksLikeUdp(requested.get())) {
      UdpEndpoint endpoint;
      try {
        endpoint = UdpEndpoint.parse(requested.get());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      DeviceDiscovery discovery = DeviceDiscovery.withSimulators(List.of(endpoint));
      DeviceDescriptor descriptor =
          discovery
              .probe(endpoint)
              .orElseThrow(
                  () ->
                      new TransportException(
                          "Nothing answers at "
                              + endpoint.id()
                              + "; start the simulator (e.g. 'keydesk simulator') and try"
                              + " again."));
      return new Located(descriptor, discovery);
    }
    DeviceDiscovery discovery = DeviceChoice.discovery();
    return new Located(DeviceChoice.choose(requested, discovery), discovery);
  }
}
