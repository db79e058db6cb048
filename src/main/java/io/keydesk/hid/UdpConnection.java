package io.keydesk.hid;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HidConnection} to a firmware simulator over UDP: one 64-byte report per datagram in each
 * direction, no report ID (see {@link UdpEndpoint} for the address convention). The socket is
 * connected to the device, so datagrams from anyone else are dropped by the OS.
 */
public final class UdpConnection implements HidConnection {
  private static final Logger LOG = LoggerFactory.getLogger(UdpConnection.class);

  /** Room for one oversized datagram, so a wrong report size is reported rather than cut. */
  private static final int RECEIVE_BUFFER = 2 * REPORT_SIZE;

  private final UdpEndpoint endpoint;
  private final DatagramSocket socket;
  private final byte[] receiveBuffer = new byte[RECEIVE_BUFFER];

  private UdpConnection(UdpEndpoint endpoint, DatagramSocket socket) {
    this.endpoint = endpoint;
    this.socket = socket;
  }

  /**
   * Binds the host address and connects to the device address of {@code endpoint}.
   *
   * @throws TransportException when the host port is taken or the socket cannot be opened
   */
  public static UdpConnection open(UdpEndpoint endpoint) throws TransportException {
    DatagramSocket socket = null;
    try {
      socket = new DatagramSocket(null);
      socket.bind(endpoint.host());
      socket.connect(endpoint.device());
      LOG.debug("UDP {} bound to {}", endpoint.id(), socket.getLocalSocketAddress());
      return new UdpConnection(endpoint, socket);
    } catch (BindException e) {
      close(socket);
      throw new TransportException(
          String.format(
              "Cannot use UDP port %d on %s for %s (%s): another program (another KeyDesk or FIDO"
                  + " tool talking to a simulator?) holds it; close it and try again.",
              endpoint.host().getPort(),
              endpoint.host().getAddress().getHostAddress(),
              endpoint.id(),
              e.getMessage()),
          e);
    } catch (IOException e) {
      close(socket);
      throw new TransportException(
          "Cannot open UDP to " + endpoint.id() + " (" + e.getMessage() + ").", e);
    }
  }

  public UdpEndpoint endpoint() {
    return endpoint;
  }

  /** The port the host side is bound to (useful when it was 0). */
  public int localPort() {
    return socket.getLocalPort();
  }

  @Override
  public void write(byte[] report) throws TransportException {
    if (report.length != REPORT_SIZE) {
      throw new IllegalArgumentException("a report is 64 bytes, got " + report.length);
    }
    try {
      socket.send(new DatagramPacket(report, report.length));
    } catch (PortUnreachableException e) {
      throw notListening(e);
    } catch (IOException e) {
      throw new TransportException(
          "Sending to " + endpoint.id() + " failed (" + e.getMessage() + ").", e);
    }
  }

  @Override
  public synchronized byte[] read(Duration timeout) throws TransportException {
    try {
      // SO_TIMEOUT 0 would mean "forever": wait at least 1 ms.
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
      socket.receive(packet);
      return Arrays.copyOf(receiveBuffer, packet.getLength());
    } catch (SocketTimeoutException e) {
      return new byte[0];
    } catch (PortUnreachableException e) {
      throw notListening(e);
    } catch (SocketException e) {
      throw new TransportException(
          "The UDP connection to " + endpoint.id() + " failed (" + e.getMessage() + ").", e);
    } catch (IOException e) {
      throw new TransportException(
          "Reading from " + endpoint.id() + " failed (" + e.getMessage() + ").", e);
    }
  }

  private DeviceUnavailableException notListening(IOException cause) {
    return new DeviceUnavailableException(
        "Nothing is listening at "
            + endpoint.id()
            + "; start the simulator (e.g. 'keydesk simulator') and try again.",
        cause);
  }

  @Override
  public String describe() {
    return endpoint.id();
  }

  @Override
  public void close() {
    socket.close();
  }

  private static void close(DatagramSocket socket) {
    if (socket != null) {
      socket.close();
    }
  }
}
