package io.keydesk.authenticator;

import io.keydesk.hid.HidConnection;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link CtapHidResponder} over UDP with the convention of open-source firmware
 * simulators: the device is bound at 127.0.0.1:8111, the host at 127.0.0.1:7112, and each datagram
 * carries exactly one 64-byte HID report without a report ID. Datagrams of another size are
 * dropped. Replies go to the configured host address, and also to the sender of the latest request
 * when {@link Config#replyToSender()} is set (handy for tests with ephemeral ports).
 */
public final class UdpSimulatorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpSimulatorServer.class);

  public static final int DEFAULT_DEVICE_PORT = 8111;
  public static final int DEFAULT_HOST_PORT = 7112;

  /**
   * @param device where the simulated device listens (port 0: an ephemeral port)
   * @param host where replies go (port 0: nowhere; then set {@code replyToSender})
   * @param replyToSender also reply to the address the latest report came from
   */
  public record Config(InetSocketAddress device, InetSocketAddress host, boolean replyToSender) {
    public Config {
      if (device == null || host == null) {
        throw new IllegalArgumentException("device and host addresses are required");
      }
    }

    /** 127.0.0.1:8111 for the device, replies to 127.0.0.1:7112. */
    public static Config defaults() {
      return ports(DEFAULT_DEVICE_PORT, DEFAULT_HOST_PORT);
    }

    /** Loopback addresses with the given ports. */
    public static Config ports(int devicePort, int hostPort) {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      return new Config(
          new InetSocketAddress(loopback, devicePort),
          new InetSocketAddress(loopback, hostPort),
          false);
    }

    public Config withReplyToSender(boolean reply) {
      return new Config(device, host, reply);
    }
  }

  private final CtapHidResponder responder;
  private final Config config;
  private final DatagramSocket socket;
  private final Thread receiver;
  private final ReportSink sink = this::reply;
  private volatile SocketAddress lastSender;
  private volatile boolean closed;

  private UdpSimulatorServer(CtapHidResponder responder, Config config, DatagramSocket socket) {
    this.responder = responder;
    this.config = config;
    this.socket = socket;
    this.receiver = new Thread(this::receiveLoop, "keydesk-simulator-udp");
    this.receiver.setDaemon(true);
  }

  /**
   * Binds the device address and starts serving.
   *
   * @throws IOException when the address cannot be bound (for example, another simulator runs)
   */
  public static UdpSimulatorServer start(CtapHidResponder responder, Config config)
      throws IOException {
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(config.device());
    } catch (IOException e) {
      throw new IOException(
          "Cannot listen on udp:"
              + format(config.device())
              + " ("
              + e.getMessage()
              + "); is another simulator running? Stop it or choose another --port.",
          e);
    }
    UdpSimulatorServer server = new UdpSimulatorServer(responder, config, socket);
    responder.addSink(server.sink);
    server.receiver.start();
    LOG.info(
        "Simulator on udp:{} replying to {}",
        format(server.deviceAddress()),
        config.host().getPort() == 0 ? "the sender" : format(config.host()));
    return server;
  }

  /** The bound device address (with the real port when the configured one was 0). */
  public InetSocketAddress deviceAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  public Config config() {
    return config;
  }

  private void receiveLoop() {
    byte[] buffer = new byte[HidConnection.REPORT_SIZE + 1];
    while (!closed) {
      DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(datagram);
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("The simulator stopped receiving: {}", e.getMessage());
        }
        return;
      }
      if (datagram.getLength() != HidConnection.REPORT_SIZE) {
        LOG.debug(
            "Dropping a datagram of {} bytes from {}",
            datagram.getLength(),
            datagram.getSocketAddress());
        continue;
      }
      lastSender = datagram.getSocketAddress();
      responder.receive(Arrays.copyOf(buffer, HidConnection.REPORT_SIZE));
    }
  }

  private void reply(byte[] report) {
    InetSocketAddress host = config.host();
    SocketAddress sender = lastSender;
    if (host.getPort() != 0) {
      sendTo(report, host);
    }
    if (config.replyToSender() && sender != null && !sender.equals(host)) {
      sendTo(report, sender);
    }
  }

  private void sendTo(byte[] report, SocketAddress target) {
    try {
      socket.send(new DatagramPacket(report, report.length, target));
    } catch (IOException e) {
      if (!closed) {
        LOG.warn("Cannot send a report to {}: {}", target, e.getMessage());
      }
    }
  }

  /** The thread that receives the host's datagrams (tests check that close() ends it). */
  Thread receiverThread() {
    return receiver;
  }

  /** Stops receiving, detaches from the responder and releases the port. */
  @Override
  public void close() {
    closed = true;
    responder.removeSink(sink);
    socket.close();
    try {
      receiver.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String format(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
