package io.keydesk.cli;

import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.DeviceDiscovery;
import io.keydesk.hid.HidConnection;
import io.keydesk.hid.TransportException;
import io.keydesk.hid.UdpConnection;
import io.keydesk.hid.UdpEndpoint;
import io.keydesk.webauthn.DeviceSelection;
import io.keydesk.webauthn.PinRequest;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.UvRequest;
import io.keydesk.webauthn.WebAuthnClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which device a command works on, shared by every command that talks to a key: {@code --device} as
 * an index or id from {@code keydesk devices}, or {@code udp:HOST:PORT}; without it the only device
 * present. Which simulators are probed comes from the system property {@value #SIMULATORS_PROPERTY}
 * or the environment variable {@value #SIMULATORS_ENV} (comma-separated {@code udp:} ids, empty for
 * none), by default udp:127.0.0.1:8111.
 */
final class DeviceChoice {
  static final String SIMULATORS_PROPERTY = "keydesk.simulators";
  static final String SIMULATORS_ENV = "KEYDESK_SIMULATORS";
  /** Per-call budget of commands that need no user action (info, wink, ping). */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Per-call budget of commands that may wait for a touch or a fingerprint (make-credential,
   * get-assertion, pin, reset): keys give up waiting for the user after about 30 s themselves.
   * Opening the device (CTAPHID_INIT) keeps its own short deadline either way.
   */
  static final Duration TOUCH_TIMEOUT = Duration.ofSeconds(60);

  /** Shown on stderr when several keys are present and the user picks one by touching it. */
  static final String TOUCH_TO_CHOOSE =
      "Several security keys are present. Touch the key you want to use (each one blinks or"
          + " waits for a touch), or press Ctrl+C and choose one with --device.";

  static final String NONE_FOUND =
      "No security key found. Insert one, or start a simulator with 'keydesk simulator' (it"
          + " listens on udp:127.0.0.1:8111), then try again.";

  private DeviceChoice() {}

  /** The simulators to probe, from the property, the environment or the default. */
  static List<UdpEndpoint> configuredSimulators() throws UsageException {
    String configured = System.getProperty(SIMULATORS_PROPERTY, System.getenv(SIMULATORS_ENV));
    if (configured == null) {
      return List.of(UdpEndpoint.DEFAULT);
    }
    List<UdpEndpoint> endpoints = new ArrayList<>();
    for (String item : configured.split(",")) {
      if (!item.isBlank()) {
        try {
          endpoints.add(UdpEndpoint.parse(item.trim()));
        } catch (IllegalArgumentException e) {
          throw new UsageException(SIMULATORS_ENV + ": " + e.getMessage());
        }
      }
    }
    return endpoints;
  }

  static DeviceDiscovery discovery() throws UsageException {
    return DeviceDiscovery.withSimulators(configuredSimulators());
  }

  /**
   * Picks the device for {@code requested} (the --device value, if any) among those {@code
   * discovery} finds.
   *
   * @throws TransportException when there is no device, or none matches the request (exit 1)
   * @throws UsageException when several devices are present and none was chosen (exit 2)
   */
  static DeviceDescriptor choose(Optional<String> requested, DeviceDiscovery discovery)
      throws TransportException, UsageException {
    List<DeviceDescriptor> devices = discovery.list();
    if (requested.isPresent()) {
      String wanted = requested.get().trim();
      if (wanted.chars().allMatch(Character::isDigit) && !wanted.isEmpty()) {
        int index = Integer.parseInt(wanted);
        if (index < devices.size()) {
          return devices.get(index);
        }
        throw new TransportException(
            devices.isEmpty()
                ? NONE_FOUND
                : "There is no device number "
                    + index
                    + "; 'keydesk devices' lists "
                    + describe(devices)
                    + ".");
      }
      return devices.stream()
          .filter(d -> d.id().equals(wanted))
          .findFirst()
          .orElseThrow(
              () ->
                  new TransportException(
                      "No security key at '"
                          + wanted
                          + "'; run 'keydesk devices' to see the keys present."));
    }
    if (devices.isEmpty()) {
      throw new TransportException(NONE_FOUND);
    }
    if (devices.size() > 1) {
      throw new UsageException(
          "Several security keys are present; choose one with --device INDEX or --device ID: "
              + describe(devices)
              + ".");
    }
    return devices.get(0);
  }

  /** Opens the chosen device and allocates a CTAPHID channel on it. */
  static CtapHidDevice open(Optional<String> requested, Duration timeout)
      throws TransportException, UsageException {
    HidConnection connection;
    if (requested.isPresent() && UdpEndpoint.looksLikeUdp(requested.get().trim())) {
      UdpEndpoint endpoint;
      try {
        endpoint = UdpEndpoint.parse(requested.get().trim());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      connection = UdpConnection.open(endpoint);
    } else {
      DeviceDiscovery discovery = discovery();
      connection = discovery.open(choose(requested, discovery));
    }
    return CtapHidDevice.open(connection, timeout);
  }

  /**
   * For WebAuthn ceremonies (create/get, account sign-up and login), where using the wrong key does
   * no harm: like {@link #open(Optional, Duration)}, but when several keys are present and none
   * was chosen, asks the user to touch the one to use (docs/webauthn-client.md "Several keys
   * plugged in", {@link DeviceSelection}) instead of failing with a usage error. Management
   * commands (pin, reset, info...) keep the usage error: acting on the wrong key is dangerous.
   *
   * @throws WebAuthnClientException when nobody touched a key in time (TimeoutError) or the user
   *     cancelled (AbortError)
   */
  static CtapHidDevice openOrSelect(
      Optional<String> requested, Duration timeout, PrintWriter err, CancelToken cancel)
      throws TransportException, UsageException, WebAuthnClientException {
    if (requested.isPresent()) {
      return open(requested, timeout);
    }
    DeviceDiscovery discovery = discovery();
    List<DeviceDescriptor> found = discovery.list();
    if (found.size() <= 1) {
      return open(requested, timeout);
    }
    List<CtapHidDevice> opened = new ArrayList<>();
    Optional<CtapDevice> chosen = Optional.empty();
    try {
      TransportException lastFailure = null;
      for (DeviceDescriptor descriptor : found) {
        try {
          opened.add(CtapHidDevice.open(discovery.open(descriptor), timeout));
        } catch (TransportException e) {
          lastFailure = e;
        }
      }
      if (opened.isEmpty()) {
        throw lastFailure;
      }
      if (opened.size() > 1) {
        err.println(TOUCH_TO_CHOOSE);
        err.flush();
      }
      chosen = Optional.of(DeviceSelection.select(opened, SILENT, cancel, TOUCH_TIMEOUT));
      return (CtapHidDevice) chosen.get();
    } finally {
      for (CtapHidDevice device : opened) {
        if (chosen.isEmpty() || device != chosen.get()) {
          device.close();
        }
      }
    }
  }

  /** The selection prompt is printed once beforehand, so the key's touch requests add nothing. */
  private static final UserInteraction SILENT =
      new UserInteraction() {
        @Override
        public void promptTouch() {}

        @Override
        public Optional<char[]> requestPin(PinRequest request) {
          return Optional.empty();
        }

        @Override
        public boolean requestUv(UvRequest request) {
          return false;
        }
      };

  static CtapHidDevice open(KeyDeskCommand root) throws TransportException, UsageException {
    return open(Optional.ofNullable(root.device), DEFAULT_TIMEOUT);
  }

  /** Like {@link #open(KeyDeskCommand)}, for commands that may wait for the user. */
  static CtapHidDevice openForTouch(KeyDeskCommand root) throws TransportException, UsageException {
    return open(Optional.ofNullable(root.device), TOUCH_TIMEOUT);
  }

  private static String describe(List<DeviceDescriptor> devices) {
    return IntStream.range(0, devices.size())
        .mapToObj(i -> i + " " + devices.get(i).id() + label(devices.get(i)))
        .collect(Collectors.joining(", "));
  }

  private static String label(DeviceDescriptor device) {
    String name = (device.manufacturer() + " " + device.product()).trim();
    return name.isEmpty() ? "" : " (" + name + ")";
  }
}
