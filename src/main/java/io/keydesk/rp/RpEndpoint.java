package io.keydesk.rp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * A relying party's base URL, checked: {@code https://HOST[:PORT]}, or plain {@code http://} only
 * to a loopback host (a developer's own machine), without path, query, fragment or user info.
 */
public record RpEndpoint(HttpUrl base) {
  public RpEndpoint {
    if (base == null) {
      throw new IllegalArgumentException("base must not be null");
    }
  }

  /**
   * Parses and checks a base URL such as {@code https://rp.example.com} or {@code
   * https://localhost:8443}.
   *
   * @throws IllegalArgumentException with a message for the user
   */
  public static RpEndpoint parse(String url) {
    String text = url.trim();
    HttpUrl parsed = HttpUrl.parse(text);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a server address; write it like https://rp.example.com");
    }
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
      throw new IllegalArgumentException(
          "The server address must not contain a user name or password: " + url);
    }
    if (parsed.query() != null || parsed.fragment() != null) {
      throw new IllegalArgumentException(
          "The server address must not have a query or fragment: " + url);
    }
    if (!parsed.encodedPath().equals("/")) {
      throw new IllegalArgumentException(
          "Give the server's base address without a path (like https://rp.example.com), not "
              + url);
    }
    if (parsed.scheme().equals("http") && !isLoopback(parsed.host())) {
      throw new IllegalArgumentException(
          "Plain http:// is allowed only to this computer (localhost); use https:// for "
              + parsed.host()
              + ".");
    }
    return new RpEndpoint(parsed);
  }

  /** The canonical text form, without the trailing slash: {@code https://host:port}. */
  public String url() {
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * The web origin of this RP (RFC 6454 serialisation), as a browser on its pages would send in
   * clientDataJSON: scheme, host and a non-default port.
   */
  public String origin() {
    boolean defaultPort = base.port() == HttpUrl.defaultPort(base.scheme());
    return base.scheme() + "://" + base.host() + (defaultPort ? "" : ":" + base.port());
  }

  public String host() {
    return base.host();
  }

  /** {@code api/v1/...} or a root path such as {@code attestation/options}. */
  public HttpUrl resolve(String path) {
    HttpUrl.Builder builder = base.newBuilder();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        builder.addPathSegment(segment);
      }
    }
    return builder.build();
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (LoopbackDns.isLocalhostName(h)) {
      return true; // and LoopbackDns resolves such names to loopback only
    }
    // Only literal addresses: never resolve a name here (that would ask DNS whether it is local).
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return url();
  }
}
