package io.keydesk.hid;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a UDP firmware simulator listens and where the host binds, following the convention of
 * open-source FIDO firmware simulators: device at 127.0.0.1:8111, host at 127.0.0.1:7112, one
 * 64-byte report per datagram. Written {@code udp:HOST:PORT}, or {@code udp:HOST:PORT/LOCALPORT} to
 * bind another host port (0: any free port, for simulators that answer the sender).
 */
public record UdpEndpoint(InetSocketAddress device, InetSocketAddress host) {
  public static final String SCHEME = "udp:";
  public static final int DEFAULT_DEVICE_PORT = 8111;
  public static final int DEFAULT_HOST_PORT = 7112;
  public static final UdpEndpoint DEFAULT =
      new UdpEndpoint(
          new InetSocketAddress("127.0.0.1", DEFAULT_DEVICE_PORT),
          new InetSocketAddress("127.0.0.1", DEFAULT_HOST_PORT));

  private static final Pattern SYNTAX =
      Pattern.compile("udp:([^:/\\s]+):(\\d{1,5})(?:/(\\d{1,5}))?");

  public UdpEndpoint {
    if (device.getPort() == 0) {
      throw new IllegalArgumentException("the simulator's port must not be 0");
    }
  }

  /** Whether {@code text} is meant as a UDP endpoint (starts with {@code udp:}). */
  public static boolean looksLikeUdp(String text) {
    return text.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /**
   * Parses {@code udp:HOST:PORT[/LOCALPORT]}; the host side binds 127.0.0.1 for a loopback device
   * and the wildcard address otherwise, on port 7112 unless given.
   *
   * @throws IllegalArgumentException with the expected syntax when {@code text} does not match
   */
  public static UdpEndpoint parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a UDP device; write udp:HOST:PORT, e.g. udp:127.0.0.1:8111");
    }
    int port = port(m.group(2), text);
    int localPort = m.group(3) == null ? DEFAULT_HOST_PORT : port(m.group(3), text);
    InetSocketAddress device = new InetSocketAddress(m.group(1), port);
    if (device.isUnresolved()) {
      throw new IllegalArgumentException("Unknown host '" + m.group(1) + "' in " + text);
    }
    InetSocketAddress host =
        device.getAddress().isLoopbackAddress()
            ? new InetSocketAddress(device.getAddress(), localPort)
            : new InetSocketAddress(localPort);
    return new UdpEndpoint(device, host);
  }

  private static int port(String digits, String text) {
    int port = Integer.parseInt(digits);
    if (port > 0xFFFF) {
      throw new IllegalArgumentException("Port " + port + " in " + text + " is out of range");
    }
    return port;
  }

  /** The same device with the host bound to any free port. */
  public UdpEndpoint withEphemeralHostPort() {
    return new UdpEndpoint(device, new InetSocketAddress(host.getAddress(), 0));
  }

  /** {@code udp:HOST:PORT}, plus {@code /LOCALPORT} when the host port is not the default. */
  public String id() {
    String base = SCHEME + device.getAddress().getHostAddress() + ":" + device.getPort();
    return host.getPort() == DEFAULT_HOST_PORT ? base : base + "/" + host.getPort();
  }

  @Override
  public String toString() {
    return id();
  }
}
