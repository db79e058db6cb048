package io.keydesk.app.desktop;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.DeviceDiscovery;
import io.keydesk.hid.DeviceListener;
import io.keydesk.hid.UdpEndpoint;
import io.keydesk.mds.AuthenticatorModels;
import io.keydesk.store.DataDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security keys the desktop app can see: USB FIDO devices (hotplug through hid4java) plus UDP
 * simulators (the demo's virtual key among them). The GUI's entry to {@code io.keydesk.hid}.
 */
public final class SecurityKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityKeys.class);
  private final DeviceDiscovery discovery;
  private final List<UdpEndpoint> simulators;
  private final List<DeviceDescriptor> runningSimulators = new CopyOnWriteArrayList<>();
  private final Map<String, DeviceDescriptor> known = new ConcurrentHashMap<>();
  private final Map<KeyEvents, DeviceListener> listeners = new ConcurrentHashMap<>();
  private final Supplier<AuthenticatorModels> models;

  SecurityKeys(
      DeviceDiscovery discovery,
      List<UdpEndpoint> simulators,
      Supplier<AuthenticatorModels> models) {
    this.discovery = discovery;
    this.simulators = List.copyOf(simulators);
    this.models = Suppliers.memoize(models::get);
  }

  /** USB keys plus the simulators at {@code simulatorIds} (udp:HOST:PORT[/LOCALPORT]). */
  public static SecurityKeys withSimulators(List<String> simulatorIds) {
    // Hotplug watches USB only: a simulator that replies to the latest sender would answer a
    // background probe instead of a running operation. Simulators are probed on list().
    return new SecurityKeys(
        DeviceDiscovery.withSimulators(List.of()),
        simulatorIds.stream().map(UdpEndpoint::parse).toList(),
        SecurityKeys::userModels);
  }

  private static AuthenticatorModels userModels() {
    try {
      return AuthenticatorModels.load(DataDirectory.resolve(Optional.empty()), Clock.systemUTC());
    } catch (RuntimeException e) {
      LOG.warn("Only the bundled model table is used: {}", e.getMessage());
      return AuthenticatorModels.bundledOnly();
    }
  }

  /**
   * Model names by AAGUID (the imported FIDO MDS3 cache, then the bundled table), loaded on first
   * use: call off the UI thread the first time ({@link #preloadModels()}).
   */
  public AuthenticatorModels models() {
    return models.get();
  }

  /** Loads {@link #models()} now (on a background thread, after the window is up). */
  public void preloadModels() {
    models.get();
  }

  /** The model of {@code key} from its AAGUID (16 bytes), else the key's product string. */
  public KeyModel model(KeyRef key, UUID aaguid) {
    return KeyModel.of(models().lookup(aaguid), key.product());
  }

  /**
   * Every key reachable now: USB keys, the simulators that answer a probe, then the running
   * simulators (call off the UI thread).
   */
  public List<KeyRef> list() {
    List<KeyRef> keys = new java.util.ArrayList<>();
    discovery.listUsb().forEach(d -> keys.add(remember(d)));
    for (UdpEndpoint simulator : simulators) {
      discovery.probe(simulator).ifPresent(d -> keys.add(remember(d)));
    }
    runningSimulators.forEach(d -> keys.add(remember(d)));
    return List.copyOf(keys);
  }

  /**
   * Lists the simulator at {@code simulatorId} without a probe from now on: one this process runs
   * (the demo's virtual key), known to be there with device version {@code deviceVersion}. A probe
   * lost on a busy machine must not hide it until the user refreshes.
   */
  public void addRunningSimulator(String simulatorId, String deviceVersion) {
    runningSimulators.add(DeviceDiscovery.simulator(UdpEndpoint.parse(simulatorId), deviceVersion));
  }

  /** Why USB keys cannot be listed on this machine, if that is so. */
  public Optional<String> usbUnavailableReason() {
    return discovery.usbUnavailableReason();
  }

  /** Hotplug: told about keys added and removed from now on. */
  public void watch(KeyEvents events) {
    DeviceListener listener =
        new DeviceListener() {
          @Override
          public void deviceAdded(DeviceDescriptor device) {
            events.keyAdded(remember(device));
          }

          @Override
          public void deviceRemoved(DeviceDescriptor device) {
            known.remove(device.id());
            events.keyRemoved(KeyRef.of(device));
          }
        };
    listeners.put(events, listener);
    discovery.addListener(listener);
  }

  private KeyRef remember(DeviceDescriptor device) {
    known.put(device.id(), device);
    return KeyRef.of(device);
  }

  /** The descriptor behind a listed key, when it is still known. */
  Optional<DeviceDescriptor> descriptor(KeyRef key) {
    return Optional.ofNullable(known.get(key.id()));
  }

  DeviceDiscovery discovery() {
    return discovery;
  }

  @Override
  public void close() {
    listeners.values().forEach(discovery::removeListener);
    listeners.clear();
    discovery.close();
  }
}
