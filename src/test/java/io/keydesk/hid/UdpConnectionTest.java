package io.keydesk.hid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** UdpConnection against loopback peers on ephemeral ports (never 8111/7112). */
class UdpConnectionTest {
  private static DatagramSocket loopbackSocket() throws Exception {
    return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  private static UdpEndpoint endpointFor(DatagramSocket peer, int hostPort) {
    return new UdpEndpoint(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort));
  }

  @Test
  void oneReportPerDatagramBothWays() throws Exception {
    try (DatagramSocket peer = loopbackSocket();
        UdpConnection connection = UdpConnection.open(endpointFor(peer, 0))) {
      byte[] report = ScriptedConnection.report("ffffffff 86 0008 0102030405060708");
      connection.write(report);

      DatagramPacket received = new DatagramPacket(new byte[256], 256);
      peer.setSoTimeout(5000);
      peer.receive(received);
      assertThat(Arrays.copyOf(received.getData(), received.getLength())).isEqualTo(report);
      assertThat(received.getPort()).isEqualTo(connection.localPort());

      byte[] answer = ScriptedConnection.report("ffffffff 86 0011 0102030405060708");
      peer.send(new DatagramPacket(answer, answer.length, received.getSocketAddress()));
      assertThat(connection.read(Duration.ofSeconds(5))).isEqualTo(answer);
    }
  }

  @Test
  void aReadWithNothingToReadReturnsEmpty() throws Exception {
    try (DatagramSocket peer = loopbackSocket();
        UdpConnection connection = UdpConnection.open(endpointFor(peer, 0))) {
      assertThat(connection.read(Duration.ofMillis(20))).isEmpty();
      assertThat(connection.read(Duration.ZERO)).isEmpty();
    }
  }

  @Test
  void oddSizedDatagramsArePassedOnForCtapHidDeviceToRefuse() throws Exception {
    try (DatagramSocket peer = loopbackSocket();
        UdpConnection connection = UdpConnection.open(endpointFor(peer, 0))) {
      InetSocketAddress host =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), connection.localPort());
      peer.send(new DatagramPacket(new byte[65], 65, host));
      assertThat(connection.read(Duration.ofSeconds(5))).hasSize(65);
    }
  }

  @Test
  void aTakenHostPortIsAnActionableError() throws Exception {
    try (DatagramSocket peer = loopbackSocket();
        DatagramSocket squatter = loopbackSocket()) {
      UdpEndpoint endpoint = endpointFor(peer, squatter.getLocalPort());
      assertThatThrownBy(() -> UdpConnection.open(endpoint))
          .isInstanceOf(TransportException.class)
          .hasMessageStartingWith(
              "Cannot use UDP port " + squatter.getLocalPort() + " on 127.0.0.1 for udp:127.0.0.1:")
          .hasMessageEndingWith("holds it; close it and try again.");
    }
  }

  @Test
  void nothingListeningIsReportedAsUnavailable() throws Exception {
    int closedPort;
    try (DatagramSocket gone = loopbackSocket()) {
      closedPort = gone.getLocalPort();
    }
    UdpEndpoint endpoint =
        new UdpEndpoint(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    try (UdpConnection connection = UdpConnection.open(endpoint)) {
      connection.write(new byte[64]);
      // Linux reports the ICMP port-unreachable on the connected socket's next receive.
      assertThatThrownBy(() -> connection.read(Duration.ofSeconds(2)))
          .isInstanceOf(DeviceUnavailableException.class)
          .hasMessage(
              "Nothing is listening at udp:127.0.0.1:"
                  + closedPort
                  + "/0; start the simulator (e.g. 'keydesk simulator') and try again.");
    }
  }

  @Test
  void ctapHidDeviceTalksToAPeerOverUdp() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer();
        CtapHidDevice device =
            CtapHidDevice.open(UdpConnection.open(peer.endpoint()), Duration.ofSeconds(5))) {
      assertThat(device.channelId()).isEqualTo(UdpCtapHidPeer.CHANNEL);
      assertThat(device.deviceVersion()).isEqualTo("1.2.3");
      byte[] data = new byte[1000];
      Arrays.fill(data, (byte) 0x5a);
      assertThat(device.ping(data)).isEqualTo(data);
      device.wink();
      assertThat(peer.winks()).isEqualTo(1);
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    try (DatagramSocket peer = loopbackSocket()) {
      UdpConnection connection = UdpConnection.open(endpointFor(peer, 0));
      connection.close();
      connection.close();
      assertThatThrownBy(() -> connection.read(Duration.ofMillis(10)))
          .isInstanceOf(TransportException.class);
    }
  }
}
