package io.keydesk.authenticator;

import static io.keydesk.authenticator.RawHost.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidFrames;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loopback only, ephemeral ports only. */
class UdpSimulatorServerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int BROADCAST = CtapHidCommand.BROADCAST_CID;

  private final SoftwareAuthenticator authenticator = SoftwareAuthenticator.builder().build();
  private DatagramSocket hostSocket;
  private UdpSimulatorServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    if (hostSocket != null) {
      hostSocket.close();
    }
    authenticator.close();
  }

  private void send(int cid, int command, byte[] payload) throws Exception {
    for (byte[] packet : CtapHidFrames.fragment(cid, command, payload)) {
      hostSocket.send(new DatagramPacket(packet, packet.length, server.deviceAddress()));
    }
  }

  private byte[] receive() throws Exception {
    byte[] buffer = new byte[128];
    DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
    hostSocket.receive(datagram);
    assertThat(datagram.getLength()).isEqualTo(64);
    assertThat(datagram.getSocketAddress()).isEqualTo(server.deviceAddress());
    return Arrays.copyOf(buffer, datagram.getLength());
  }

  @Test
  void repliesToTheConfiguredHostAddress() throws Exception {
    hostSocket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    hostSocket.setSoTimeout(5000);
    UdpSimulatorServer.Config config =
        new UdpSimulatorServer.Config(
            new InetSocketAddress(LOOPBACK, 0),
            (InetSocketAddress) hostSocket.getLocalSocketAddress(),
            false);
    server = UdpSimulatorServer.start(authenticator.responder(), config);
    assertThat(server.deviceAddress().getPort()).isNotZero();

    send(BROADCAST, CtapHidCommand.INIT, HEX.parseHex("0102030405060708"));
    byte[] reply = receive();
    assertThat(HEX.formatHex(reply, 0, 24))
        .isEqualTo("ffffffff860011" + "0102030405060708" + "00000001" + "020100000d");

    byte[] data = RawHost.bytes(300);
    send(1, CtapHidCommand.PING, data);
    for (byte[] expected : CtapHidFrames.fragment(1, CtapHidCommand.PING, data)) {
      assertThat(receive()).isEqualTo(expected);
    }
  }

  @Test
  void repliesToTheSenderWhenConfigured() throws Exception {
    hostSocket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    hostSocket.setSoTimeout(5000);
    server =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
    // a datagram that is not one report is dropped
    hostSocket.send(new DatagramPacket(new byte[65], 65, server.deviceAddress()));
    send(BROADCAST, CtapHidCommand.INIT, HEX.parseHex("1111111111111111"));
    byte[] reply = receive();
    assertThat(HEX.formatHex(reply, 0, 15)).isEqualTo("ffffffff860011" + "1111111111111111");
  }

  @Test
  void closeReleasesThePort() throws Exception {
    server =
        UdpSimulatorServer.start(authenticator.responder(), UdpSimulatorServer.Config.ports(0, 0));
    InetSocketAddress bound = server.deviceAddress();
    Thread receiver = server.receiverThread();
    assertThat(receiver.isAlive()).isTrue();
    server.close();
    server = null;
    try (DatagramSocket again = new DatagramSocket(bound)) {
      assertThat(again.getLocalPort()).isEqualTo(bound.getPort());
    }
    // This server's receiver ends (other test classes' servers may still be shutting down, so
    // the JVM's threads are not looked at). close() waits 2 s for it; a busy machine may need more.
    receiver.join(Duration.ofSeconds(30).toMillis());
    assertThat(receiver.isAlive()).isFalse();
  }
}
