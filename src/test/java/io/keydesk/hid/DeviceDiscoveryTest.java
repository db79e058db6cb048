package io.keydesk.hid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Discovery on this machine: no USB HID at all, loopback UDP peers on ephemeral ports. */
class DeviceDiscoveryTest {
  private static UdpEndpoint closedEndpoint() throws Exception {
    int port;
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = socket.getLocalPort();
    }
    return UdpEndpoint.parse("udp:127.0.0.1:" + port + "/0");
  }

  @Test
  void withoutUsbDevicesTheUsbListIsEmptyAndNothingHangs() {
    DeviceDiscovery discovery = DeviceDiscovery.withSimulators(List.of());
    assertThat(discovery.listUsb()).isEmpty();
    assertThat(discovery.list()).isEmpty();
  }

  @Test
  void aProbeOfANonListeningPortFindsNothingQuickly() throws Exception {
    UdpEndpoint nobody = closedEndpoint();
    DeviceDiscovery discovery =
        DeviceDiscovery.withSimulators(
            List.of(nobody), Duration.ofMillis(150), Duration.ofSeconds(10));
    long start = System.nanoTime();
    assertThat(discovery.list()).isEmpty();
    // Not a performance assertion: a hang (no timeout honoured) would take far longer.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aProbeOfANonListeningPortFailsThroughPortUnreachableNotTheTimeout() throws Exception {
    // Why DEFAULT_PROBE_TIMEOUT can be generous: with nothing listening, the OS answers the INIT
    // datagram with ICMP port unreachable and the probe ends long before its budget.
    UdpEndpoint nobody = closedEndpoint();
    try (UdpConnection connection = UdpConnection.open(nobody)) {
      connection.write(new byte[HidConnection.REPORT_SIZE]);
      assertThatThrownBy(() -> connection.read(Duration.ofSeconds(60)))
          .isInstanceOf(DeviceUnavailableException.class)
          .hasMessage(
              "Nothing is listening at "
                  + nobody.id()
                  + "; start the simulator (e.g. 'keydesk simulator') and try again.");
    }
    DeviceDiscovery discovery =
        DeviceDiscovery.withSimulators(
            List.of(nobody), Duration.ofSeconds(60), Duration.ofSeconds(10));
    long start = System.nanoTime();
    assertThat(discovery.probe(nobody)).isEmpty();
    // Not a performance figure: waiting out the 60 s budget would mean no ICMP reached us.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void theDescriptorOfAKnownSimulatorIsTheOneAProbeYields() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer()) {
      DeviceDiscovery discovery =
          DeviceDiscovery.withSimulators(
              List.of(peer.endpoint()), Duration.ofSeconds(10), Duration.ofSeconds(10));
      assertThat(discovery.probe(peer.endpoint()))
          .contains(DeviceDiscovery.simulator(peer.endpoint(), "1.2.3"));
    }
  }

  @Test
  void aListeningSimulatorIsListedAndCanBeOpened() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer()) {
      DeviceDiscovery discovery =
          DeviceDiscovery.withSimulators(
              List.of(peer.endpoint()), Duration.ofSeconds(10), Duration.ofSeconds(10));
      List<DeviceDescriptor> devices = discovery.list();
      assertThat(devices)
          .containsExactly(
              new DeviceDescriptor(
                  "udp:127.0.0.1:" + peer.port() + "/0",
                  DeviceDescriptor.Transport.UDP,
                  0,
                  0,
                  "",
                  "CTAPHID simulator 1.2.3",
                  Optional.empty(),
                  0xF1D0));
      try (CtapHidDevice device =
          CtapHidDevice.open(discovery.open(devices.get(0)), Duration.ofSeconds(10))) {
        assertThat(device.ping(new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
      }
    }
  }

  @Test
  void simulatorsComingAndGoingAreReported() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    DeviceListener listener =
        new DeviceListener() {
          @Override
          public void deviceAdded(DeviceDescriptor device) {
            events.add("added " + device.id());
          }

          @Override
          public void deviceRemoved(DeviceDescriptor device) {
            events.add("removed " + device.id());
          }
        };
    UdpCtapHidPeer peer = new UdpCtapHidPeer();
    try (DeviceDiscovery discovery =
        DeviceDiscovery.withSimulators(
            List.of(peer.endpoint()), Duration.ofSeconds(10), Duration.ofMillis(50))) {
      discovery.addListener(listener);
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("added " + peer.endpoint().id());
      peer.close();
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("removed " + peer.endpoint().id());
      discovery.removeListener(listener);
    } finally {
      peer.close();
    }
  }
}
