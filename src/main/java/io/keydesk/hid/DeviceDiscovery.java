package io.keydesk.hid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds FIDO devices: USB HID devices with usage page 0xF1D0 / usage 1 (CTAP 2.1 section 11.2.8.1)
 * through hid4java, and UDP firmware simulators, each probed with a short CTAPHID_INIT. Listeners
 * hear about devices coming and going: hid4java's scanner for USB, polling for UDP.
 */
public final class DeviceDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceDiscovery.class);
  /**
   * How long a probe waits for a simulator's CTAPHID_INIT reply: as long as opening a device may
   * take ({@link CtapHidDevice#INIT_TIMEOUT}), so a busy machine's simulator is not missed. This
   * costs nothing when no simulator runs: with nothing listening on the port the OS answers ICMP
   * port unreachable and the probe fails at once.
   */
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  private final UsbBackend usb;
  private final List<UdpEndpoint> simulators;
  private final Duration probeTimeout;
  private final Duration pollInterval;
  private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, DeviceDescriptor> simulatorsPresent = new ConcurrentHashMap<>();
  private ScheduledExecutorService poller;

  DeviceDiscovery(
      UsbBackend usb, List<UdpEndpoint> simulators, Duration probeTimeout, Duration pollInterval) {
    this.usb = Objects.requireNonNull(usb);
    this.simulators = List.copyOf(simulators);
    this.probeTimeout = probeTimeout;
    this.pollInterval = pollInterval;
  }

  /** USB devices plus the simulator at the conventional address udp:127.0.0.1:8111. */
  public static DeviceDiscovery standard() {
    return withSimulators(List.of(UdpEndpoint.DEFAULT));
  }

  /** USB devices plus the given simulators (none: USB only). */
  public static DeviceDiscovery withSimulators(List<UdpEndpoint> simulators) {
    return withSimulators(simulators, DEFAULT_PROBE_TIMEOUT, DEFAULT_POLL_INTERVAL);
  }

  public static DeviceDiscovery withSimulators(
      List<UdpEndpoint> simulators, Duration probeTimeout, Duration pollInterval) {
    return new DeviceDiscovery(Hid4javaBackend.INSTANCE, simulators, probeTimeout, pollInterval);
  }

  /** Every FIDO device reachable now: USB first (in hidapi's order), then simulators. */
  public List<DeviceDescriptor> list() {
    List<DeviceDescriptor> devices = new ArrayList<>(listUsb());
    for (UdpEndpoint endpoint : simulators) {
      probe(endpoint).ifPresent(devices::add);
    }
    return devices;
  }

  /** The attached USB FIDO devices; empty when there are none or USB HID is unavailable. */
  public List<DeviceDescriptor> listUsb() {
    return usb.list();
  }

  /** Why USB devices cannot be listed on this machine, if that is the case. */
  public Optional<String> usbUnavailableReason() {
    return usb.unavailableReason();
  }

  /**
   * Sends a short CTAPHID_INIT to {@code endpoint}. When its host port is taken (e.g. by an open
   * connection to that very simulator) the probe falls back to a free port, which works with
   * simulators that answer the sender.
   *
   * @return the simulator, or empty when nothing answered within the probe timeout
   */
  public Optional<DeviceDescriptor> probe(UdpEndpoint endpoint) {
    Probe probe = probeOnce(endpoint);
    if (probe == Probe.HOST_PORT_BUSY) {
      Optional<DeviceDescriptor> fallback = probeOnce(endpoint.withEphemeralHostPort()).device;
      return fallback.map(d -> simulatorDescriptor(endpoint, d.product()));
    }
    return probe.device;
  }

  private static final class Probe {
    static final Probe ABSENT = new Probe(Optional.empty());
    static final Probe HOST_PORT_BUSY = new Probe(Optional.empty());
    final Optional<DeviceDescriptor> device;

    Probe(Optional<DeviceDescriptor> device) {
      this.device = device;
    }
  }

  private Probe probeOnce(UdpEndpoint endpoint) {
    UdpConnection connection;
    try {
      connection = UdpConnection.open(endpoint);
    } catch (TransportException e) {
      LOG.debug("Probe of {}: {}", endpoint.id(), e.getMessage());
      return Probe.HOST_PORT_BUSY;
    }
    try (CtapHidDevice device = CtapHidDevice.open(connection, probeTimeout)) {
      return new Probe(
          Optional.of(simulator(endpoint, device.deviceVersion())));
    } catch (TransportException e) {
      LOG.debug("Probe of {}: {}", endpoint.id(), e.getMessage());
      return Probe.ABSENT;
    } finally {
      connection.close();
    }
  }

  /**
   * The descriptor a probe of {@code endpoint} yields when the simulator reports {@code
   * deviceVersion} (major.minor.build): for a simulator known to run without probing it.
   */
  public static DeviceDescriptor simulator(UdpEndpoint endpoint, String deviceVersion) {
    return simulatorDescriptor(endpoint, "CTAPHID simulator " + deviceVersion);
  }

  private static DeviceDescriptor simulatorDescriptor(UdpEndpoint endpoint, String product) {
    return new DeviceDescriptor(
        endpoint.id(),
        DeviceDescriptor.Transport.UDP,
        0,
        0,
        "",
        product,
        Optional.empty(),
        DeviceDescriptor.FIDO_USAGE_PAGE);
  }

  /** Opens a raw connection; wrap it in {@link CtapHidDevice#open} to talk CTAPHID. */
  public HidConnection open(DeviceDescriptor device) throws TransportException {
    return switch (device.transport()) {
      case UDP -> UdpConnection.open(UdpEndpoint.parse(device.id()));
      case USB -> usb.open(device);
    };
  }

  /**
   * Tells {@code listener} about devices added and removed from now on. USB events come from
   * hid4java's scanner; simulators are probed every poll interval.
   */
  public synchronized void addListener(DeviceListener listener) {
    listeners.add(listener);
    usb.watch(listener);
    if (poller == null && !simulators.isEmpty()) {
      poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "keydesk-udp-discovery");
                thread.setDaemon(true);
                return thread;
              });
      poller.scheduleWithFixedDelay(
          this::pollSimulators, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  public synchronized void removeListener(DeviceListener listener) {
    listeners.remove(listener);
    usb.unwatch(listener);
    if (listeners.isEmpty()) {
      stopPolling();
    }
  }

  private void pollSimulators() {
    for (UdpEndpoint endpoint : simulators) {
      Probe probe = probeOnce(endpoint);
      if (probe == Probe.HOST_PORT_BUSY) {
        continue; // in use by a connection: no news
      }
      String id = endpoint.id();
      if (probe.device.isPresent()) {
        if (simulatorsPresent.putIfAbsent(id, probe.device.get()) == null) {
          listeners.forEach(l -> l.deviceAdded(probe.device.get()));
        }
      } else {
        DeviceDescriptor gone = simulatorsPresent.remove(id);
        if (gone != null) {
          listeners.forEach(l -> l.deviceRemoved(gone));
        }
      }
    }
  }

  private void stopPolling() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }

  /** Stops hotplug watching; listing and opening still work. */
  @Override
  public synchronized void close() {
    for (DeviceListener listener : listeners) {
      usb.unwatch(listener);
    }
    listeners.clear();
    stopPolling();
  }
}
