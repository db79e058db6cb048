package io.keydesk.hid;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hid4java.HidDevice;
import org.hid4java.HidManager;
import org.hid4java.HidServices;
import org.hid4java.HidServicesListener;
import org.hid4java.HidServicesSpecification;
import org.hid4java.ScanMode;
import org.hid4java.event.HidServicesEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UsbBackend} on hid4java. hid4java's services are a process-wide singleton; they are
 * created on first use, and the hotplug scanner runs only while someone watches. A platform where
 * hidapi cannot load yields no USB devices and a reason, never a crash.
 */
final class Hid4javaBackend implements UsbBackend {
  private static final Logger LOG = LoggerFactory.getLogger(Hid4javaBackend.class);
  private static final int SCAN_INTERVAL_MS = 500;
  private static final int PAUSE_AFTER_WRITE_MS = 2000;

  static final Hid4javaBackend INSTANCE = new Hid4javaBackend();

  private final Map<DeviceListener, HidServicesListener> watchers = new ConcurrentHashMap<>();
  private HidServices services;
  private String unavailable;

  private Hid4javaBackend() {}

  /** hid4java's usage page is sign-extended (0xfffff1d0): compare the low 16 bits only. */
  static boolean isFido(int usagePage, int usage) {
    return (usagePage & 0xFFFF) == DeviceDescriptor.FIDO_USAGE_PAGE
        && (usage & 0xFFFF) == DeviceDescriptor.FIDO_USAGE;
  }

  static DeviceDescriptor describe(HidDevice device) {
    return new DeviceDescriptor(
        device.getPath(),
        DeviceDescriptor.Transport.USB,
        device.getVendorId() & 0xFFFF,
        device.getProductId() & 0xFFFF,
        nonNull(device.getManufacturer()),
        nonNull(device.getProduct()),
        Optional.ofNullable(device.getSerialNumber()),
        device.getUsagePage() & 0xFFFF);
  }

  private static String nonNull(String text) {
    return text == null ? "" : text.trim();
  }

  private synchronized Optional<HidServices> services() {
    if (services == null && unavailable == null) {
      try {
        HidServicesSpecification spec = new HidServicesSpecification();
        spec.setAutoStart(false);
        spec.setAutoDataRead(false);
        spec.setAutoShutdown(true);
        spec.setScanMode(ScanMode.SCAN_AT_FIXED_INTERVAL_WITH_PAUSE_AFTER_WRITE);
        spec.setScanInterval(SCAN_INTERVAL_MS);
        spec.setPauseInterval(PAUSE_AFTER_WRITE_MS);
        services = HidManager.getHidServices(spec);
      } catch (RuntimeException | LinkageError e) {
        unavailable = "USB HID is unavailable here (" + e.getMessage() + ")";
        LOG.warn("{}; only UDP simulators can be used", unavailable);
      }
    }
    return Optional.ofNullable(services);
  }

  private List<HidDevice> attached() {
    Optional<HidServices> hid = services();
    if (hid.isEmpty()) {
      return List.of();
    }
    try {
      return hid.get().getAttachedHidDevices();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Listing USB HID devices failed: {}", e.toString());
      return List.of();
    }
  }

  @Override
  public List<DeviceDescriptor> list() {
    return attached().stream()
        .filter(d -> isFido(d.getUsagePage(), d.getUsage()))
        .map(Hid4javaBackend::describe)
        .toList();
  }

  @Override
  public HidConnection open(DeviceDescriptor descriptor) throws TransportException {
    for (HidDevice device : attached()) {
      if (device.getPath().equals(descriptor.id())) {
        return Hid4javaConnection.open(device);
      }
    }
    throw new DeviceUnavailableException(
        "The security key at "
            + descriptor.id()
            + " is gone; re-insert it and run 'keydesk devices'.");
  }

  @Override
  public void watch(DeviceListener listener) {
    Optional<HidServices> hid = services();
    if (hid.isEmpty()) {
      return;
    }
    HidServicesListener adapter =
        new HidServicesListener() {
          @Override
          public void hidDeviceAttached(HidServicesEvent event) {
            HidDevice device = event.getHidDevice();
            if (isFido(device.getUsagePage(), device.getUsage())) {
              listener.deviceAdded(describe(device));
            }
          }

          @Override
          public void hidDeviceDetached(HidServicesEvent event) {
            HidDevice device = event.getHidDevice();
            if (isFido(device.getUsagePage(), device.getUsage())) {
              listener.deviceRemoved(describe(device));
            }
          }

          @Override
          public void hidFailure(HidServicesEvent event) {
            LOG.debug("hid4java failure: {}", event);
          }

          @Override
          public void hidDataReceived(HidServicesEvent event) {
            // Reports are read by Hid4javaConnection, not through events (autoDataRead is off).
          }
        };
    synchronized (this) {
      watchers.put(listener, adapter);
      hid.get().addHidServicesListener(adapter);
      hid.get().start();
    }
  }

  @Override
  public void unwatch(DeviceListener listener) {
    HidServicesListener adapter = watchers.remove(listener);
    if (adapter != null && services != null) {
      synchronized (this) {
        services.removeHidServicesListener(adapter);
        if (watchers.isEmpty()) {
          services.stop();
        }
      }
    }
  }

  @Override
  public synchronized Optional<String> unavailableReason() {
    services();
    return Optional.ofNullable(unavailable);
  }
}
