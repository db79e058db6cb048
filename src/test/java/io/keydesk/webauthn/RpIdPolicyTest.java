package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpIdPolicyTest {

  private static Optional<String> rpId(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  @ParameterizedTest(name = "{0} with RP ID [{1}] -> {2}")
  @CsvSource({
    "https://login.example.com, example.com, example.com",
    "https://login.example.com, login.example.com, login.example.com",
    "https://login.example.com, , login.example.com",
    "https://login.example.com:8443, example.com, example.com",
    "https://login.example.com:8443, , login.example.com",
    "https://LOGIN.Example.COM/, EXAMPLE.com, example.com",
    "https://a.b.example.co.uk, example.co.uk, example.co.uk",
    "https://x.github.io, x.github.io, x.github.io",
    "http://localhost:8080, , localhost",
    "http://localhost:8080, localhost, localhost",
    "https://localhost, localhost, localhost",
    "http://app.localhost, , app.localhost",
    "http://app.localhost:3000, localhost, localhost",
    "https://bücher.example, , xn--bcher-kva.example",
    "https://shop.bücher.example, bücher.example, xn--bcher-kva.example",
  })
  void allowed(String origin, String requested, String expected) throws Exception {
    assertThat(RpIdPolicy.effectiveRpId(origin, rpId(requested))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} with RP ID [{1}] refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://login.example.com | evil.com | the RP ID must be the origin's host"
            + " \"login.example.com\" or a parent domain of it",
        "https://example.com | login.example.com | the RP ID must be the origin's host"
            + " \"example.com\" or a parent domain of it",
        "https://badexample.com | example.com | the RP ID must be the origin's host"
            + " \"badexample.com\" or a parent domain of it",
        "https://login.example.com | com | the RP ID is a public suffix, which any site could"
            + " claim",
        "https://www.example.co.uk | co.uk | the RP ID is a public suffix, which any site could"
            + " claim",
        "https://x.github.io | github.io | the RP ID is a public suffix, which any site could"
            + " claim",
        "https://github.io | github.io | the RP ID is a public suffix, which any site could"
            + " claim",
        "https://github.io | | the RP ID is a public suffix, which any site could claim",
        "https://co.uk:8443 | | the RP ID is a public suffix, which any site could claim",
        "http://example.com | example.com | plain http is allowed only for localhost and"
            + " *.localhost; use https",
        "http://example.com | | plain http is allowed only for localhost and *.localhost; use"
            + " https",
        "ftp://example.com | | the origin's scheme must be https",
        "https://127.0.0.1 | | an IP address is not a valid domain for WebAuthn",
        "https://127.0.0.1:8443 | 127.0.0.1 | an IP address is not a valid domain for WebAuthn",
        "https://[::1] | | an IP address is not a valid domain for WebAuthn",
        "https://[::1]:8443 | | an IP address is not a valid domain for WebAuthn",
        "https://example.com:8443 | example.com:8443 | an RP ID is a domain name without scheme,"
            + " port or path",
        "https://example.com | https://example.com | an RP ID is a domain name without scheme,"
            + " port or path",
        "https://login.example.com | 10.0.0.1 | an IP address is not a valid RP ID",
        "https://example.com/path | | an origin is scheme://host[:port] with no user, path,"
            + " query or fragment",
        "https://user@example.com | | an origin is scheme://host[:port] with no user, path,"
            + " query or fragment",
        "example.com | | the origin must look like https://host[:port]",
        "https://example.com:99999 | | the origin's port \"99999\" is not a port",
        "https://exa_mple.com | | the origin's host \"exa_mple.com\" is not a valid domain name",
        "https://example.com | exa mple.com | the RP ID is not a valid domain name",
      })
  void refused(String origin, String requested, String rule) {
    String shown = requested == null ? "(none)" : requested;
    assertThatThrownBy(() -> RpIdPolicy.effectiveRpId(origin, rpId(requested)))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage(
            "origin "
                + origin
                + " may not use RP ID "
                + shown
                + ": "
                + rule
                + ". Check the address you are signing in to; the relying party's settings may be"
                + " wrong.")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.SECURITY_ERROR);
  }
}
