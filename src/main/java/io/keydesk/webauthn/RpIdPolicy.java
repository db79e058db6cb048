package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.SECURITY_ERROR;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * The origin and RP ID rules a client enforces before talking to an authenticator (WebAuthn L3
 * §5.1.3 steps 6-8, §5.1.4.1 steps 5-7; HTML "is a registrable domain suffix of or is equal to").
 *
 * <ul>
 *   <li>The origin is {@code https://host[:port]}, or {@code http://} only for {@code localhost}
 *       and {@code *.localhost}. IP-address hosts are not valid domains.
 *   <li>A missing RP ID means the origin's host, never {@code host:port}; ports play no part.
 *   <li>The RP ID equals the host, or is a suffix of it on a label boundary, and is never itself a
 *       public suffix, not even when it equals the host (Public Suffix List via Guava, private
 *       section included, so {@code github.io} is refused for {@code x.github.io} and for {@code
 *       github.io} itself).
 *   <li>Hosts and RP IDs are compared in lowercase ASCII (IDNA ToASCII of Unicode names).
 * </ul>
 *
 * Every refusal is a {@link WebAuthnClientException.Code#SECURITY_ERROR} naming the origin, the RP
 * ID and the rule.
 */
public final class RpIdPolicy {
  private static final String LOCALHOST = "localhost";
  private static final String PUBLIC_SUFFIX_RULE =
      "the RP ID is a public suffix, which any site could claim";

  private RpIdPolicy() {}

  /**
   * The ASCII serialisation of {@code origin} (HTML Living Standard §7.1.1 "serialization of an
   * origin"): scheme and host in lowercase, the host in IDNA ASCII (punycode), the port only when it
   * is not the scheme's default, no path and no trailing slash. This is what goes into
   * clientDataJSON's {@code origin} (WebAuthn L3 §5.8.1). Refuses what {@link #effectiveRpId}
   * refuses about the origin, and anything after the authority other than a lone "/".
   */
  public static String serializedOrigin(String origin) throws WebAuthnClientException {
    return parse(origin, Optional.empty()).serialized();
  }

  /**
   * Returns the effective RP ID for a ceremony run on behalf of {@code origin}: {@code rpId}
   * normalised, or the origin's host when it is absent.
   */
  public static String effectiveRpId(String origin, Optional<String> rpId)
      throws WebAuthnClientException {
    String host = parse(origin, rpId).host();
    if (rpId.isEmpty()) {
      if (isPublicSuffix(host)) {
        throw refused(origin, "(none)", PUBLIC_SUFFIX_RULE);
      }
      return host;
    }
    String requested = rpId.get();
    if (requested.contains(":") || requested.contains("/")) {
      throw refused(origin, requested, "an RP ID is a domain name without scheme, port or path");
    }
    if (isIpAddress(requested)) {
      throw refused(origin, requested, "an IP address is not a valid RP ID");
    }
    String normalised =
        normalise(requested)
            .orElseThrow(() -> refused(origin, requested, "the RP ID is not a valid domain name"));
    if (!normalised.equals(host) && !host.endsWith("." + normalised)) {
      throw refused(
          origin,
          requested,
          "the RP ID must be the origin's host \"" + host + "\" or a parent domain of it");
    }
    // Never a public suffix, not even when it equals the host (e.g. https://github.io).
    if (isPublicSuffix(normalised)) {
      throw refused(origin, requested, PUBLIC_SUFFIX_RULE);
    }
    return normalised;
  }

  /** A valid origin's parts: lowercase scheme, ASCII host, port when not the default. */
  private record Origin(String scheme, String host, Optional<Integer> port) {
    String serialized() {
      return scheme + "://" + host + port.map(p -> ":" + p).orElse("");
    }
  }

  /** The parts of a valid origin; refuses what §5.1.3 steps 6-7 refuse. */
  private static Origin parse(String origin, Optional<String> rpId)
      throws WebAuthnClientException {
    String shownRpId = rpId.orElse("(none)");
    int separator = origin.indexOf("://");
    if (separator <= 0) {
      throw refused(origin, shownRpId, "the origin must look like https://host[:port]");
    }
    String scheme = origin.substring(0, separator).toLowerCase(Locale.ROOT);
    String authority = origin.substring(separator + 3);
    if (authority.endsWith("/")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    if (authority.isEmpty()
        || authority.contains("/")
        || authority.contains("?")
        || authority.contains("#")
        || authority.contains("@")) {
      throw refused(
          origin,
          shownRpId,
          "an origin is scheme://host[:port] with no user, path, query or fragment");
    }
    if (authority.startsWith("[")) {
      throw refused(origin, shownRpId, "an IP address is not a valid domain for WebAuthn");
    }
    String host = authority;
    Optional<Integer> port = Optional.empty();
    int colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      String digits = authority.substring(colon + 1);
      if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) > 65535) {
        throw refused(origin, shownRpId, "the origin's port \"" + digits + "\" is not a port");
      }
      port = Optional.of(Integer.parseInt(digits));
      host = authority.substring(0, colon);
    }
    if (isIpAddress(host)) {
      throw refused(origin, shownRpId, "an IP address is not a valid domain for WebAuthn");
    }
    String original = host;
    String normalised =
        normalise(host)
            .orElseThrow(
                () ->
                    refused(
                        origin,
                        shownRpId,
                        "the origin's host \"" + original + "\" is not a valid domain name"));
    boolean localhost = normalised.equals(LOCALHOST) || normalised.endsWith("." + LOCALHOST);
    if (scheme.equals("http")) {
      if (!localhost) {
        throw refused(
            origin,
            shownRpId,
            "plain http is allowed only for localhost and *.localhost; use https");
      }
    } else if (!scheme.equals("https")) {
      throw refused(origin, shownRpId, "the origin's scheme must be https");
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    return new Origin(scheme, normalised, port.filter(p -> p != defaultPort));
  }

  /** Lowercase ASCII (IDNA ToASCII) if {@code name} is a syntactically valid domain name. */
  private static Optional<String> normalise(String name) {
    try {
      String ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      if (ascii.isEmpty() || ascii.endsWith(".") || !InternetDomainName.isValid(ascii)) {
        return Optional.empty();
      }
      return Optional.of(ascii);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isIpAddress(String host) {
    return InetAddresses.isUriInetAddress(host) || InetAddresses.isInetAddress(host);
  }

  private static boolean isPublicSuffix(String domain) {
    return InternetDomainName.from(domain).isPublicSuffix();
  }

  private static WebAuthnClientException refused(String origin, String rpId, String rule) {
    return new WebAuthnClientException(
        SECURITY_ERROR,
        "origin "
            + origin
            + " may not use RP ID "
            + rpId
            + ": "
            + rule
            + ". Check the address you are signing in to; the relying party's settings may be"
            + " wrong.");
  }
}
