package io.keydesk.rp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import okhttp3.Dns;

/**
 * Name resolution for the RP clients: {@code localhost} and {@code *.localhost} always mean this
 * computer (RFC 6761 section 6.3) and are answered with the loopback addresses without asking
 * DNS, because {@link RpEndpoint} allows plain http to them as "local"; a resolver that mapped
 * them elsewhere would send passwords in clear over the network. Every other name goes to the
 * system resolver.
 */
final class LoopbackDns implements Dns {
  static final LoopbackDns INSTANCE = new LoopbackDns();

  private LoopbackDns() {}

  static boolean isLocalhostName(String hostname) {
    String h = hostname.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost");
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (isLocalhostName(hostname)) {
      return List.of(
          InetAddress.getByAddress(hostname, new byte[] {127, 0, 0, 1}),
          InetAddress.getByAddress(hostname, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    }
    return Dns.SYSTEM.lookup(hostname);
  }
}
