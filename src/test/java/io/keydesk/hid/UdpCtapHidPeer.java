package io.keydesk.hid;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal CTAPHID device on a loopback UDP port for tests: answers INIT, echoes PING and
 * acknowledges WINK, replying to whoever sent the request. Not an authenticator (no CBOR).
 */
public final class UdpCtapHidPeer implements AutoCloseable {
  public static final int CHANNEL = 0x01020304;
  private final DatagramSocket socket;
  private final int port;
  private final Thread thread;
  private final AtomicInteger winks = new AtomicInteger();
  private volatile int capabilities =
      CtapHidCommand.CAPABILITY_WINK | CtapHidCommand.CAPABILITY_CBOR;

  public UdpCtapHidPeer() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    port = socket.getLocalPort();
    thread = new Thread(this::serve, "udp-ctaphid-peer");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return port;
  }

  /** {@code udp:127.0.0.1:PORT/0}: this peer, reached from any free host port. */
  public UdpEndpoint endpoint() {
    return UdpEndpoint.parse("udp:127.0.0.1:" + port() + "/0");
  }

  public int winks() {
    return winks.get();
  }

  public void setCapabilities(int flags) {
    capabilities = flags;
  }

  private void serve() {
    byte[] buffer = new byte[HidConnection.REPORT_SIZE];
    CtapHidFrames.Reassembly pending = null;
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return;
      }
      byte[] report = buffer.clone();
      SocketAddress sender = packet.getSocketAddress();
      if (CtapHidFrames.isInit(report)) {
        pending = new CtapHidFrames.Reassembly(report, CtapHidFrames.MAX_MESSAGE);
      } else if (pending == null || !pending.accept(report)) {
        continue;
      }
      if (pending.isComplete()) {
        answer(pending, sender);
        pending = null;
      }
    }
  }

  private void answer(CtapHidFrames.Reassembly request, SocketAddress sender) {
    byte[] payload = request.payload();
    byte[] reply;
    switch (request.command()) {
      case CtapHidCommand.INIT -> {
        reply = new byte[17];
        System.arraycopy(payload, 0, reply, 0, 8);
        reply[8] = 0x01;
        reply[9] = 0x02;
        reply[10] = 0x03;
        reply[11] = 0x04;
        reply[12] = 2;
        reply[13] = 1;
        reply[14] = 2;
        reply[15] = 3;
        reply[16] = (byte) capabilities;
      }
      case CtapHidCommand.PING -> reply = payload;
      case CtapHidCommand.WINK -> {
        winks.incrementAndGet();
        reply = new byte[0];
      }
      default -> {
        send(
            CtapHidFrames.fragment(request.cid(), CtapHidCommand.ERROR, new byte[] {0x01}), sender);
        return;
      }
    }
    send(CtapHidFrames.fragment(request.cid(), request.command(), reply), sender);
  }

  private void send(List<byte[]> packets, SocketAddress to) {
    for (byte[] packet : packets) {
      try {
        socket.send(new DatagramPacket(packet, packet.length, to));
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
