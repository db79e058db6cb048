package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The origin a ceremony reports is the HTML serialisation of the caller's origin, nothing else. */
class OriginSerializationTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://example.com, https://example.com",
    "https://example.com/, https://example.com",
    "https://EXAMPLE.com:443/, https://example.com",
    "HTTPS://Login.Example.COM, https://login.example.com",
    "https://example.com:8443, https://example.com:8443",
    "https://example.com:08443/, https://example.com:8443",
    "https://example.com:80, https://example.com:80",
    "http://localhost:80, http://localhost",
    "http://localhost:443, http://localhost:443",
    "http://App.Localhost:3000/, http://app.localhost:3000",
    "https://bücher.example, https://xn--bcher-kva.example",
    "https://BÜCHER.example:443, https://xn--bcher-kva.example",
  })
  void serialises(String input, String expected) throws Exception {
    assertThat(RpIdPolicy.serializedOrigin(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} refused")
  @CsvSource({
    "https://example.com//",
    "https://example.com/path",
    "https://example.com/?q",
    "https://example.com?q",
    "https://example.com#f",
    "https://user@example.com",
    "https://user:pw@example.com/",
    "http://example.com",
  })
  void refuses(String input) {
    assertThatThrownBy(() -> RpIdPolicy.serializedOrigin(input))
        .isInstanceOf(WebAuthnClientException.class)
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.SECURITY_ERROR);
  }

  @Test
  void createClientDataCarriesTheSerialisedOrigin() throws Exception {
    var options =
        WebAuthnJson.read(
            ValidationBeforeIoTest.creation("", "AQ", "{\"type\":\"public-key\",\"alg\":-7}"),
            PublicKeyCredentialCreationOptionsJSON.class);
    var in = WebAuthnClient.CreateInputs.check(options, "https://EXAMPLE.com:443/");
    assertThat(new String(in.clientDataJson().toArray(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"webauthn.create\",\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
                + "\"origin\":\"https://example.com\",\"crossOrigin\":false}");
    assertThat(in.origin()).isEqualTo("https://example.com");
    assertThat(in.rpId()).isEqualTo("example.com");
  }

  @Test
  void getClientDataCarriesTheSerialisedOrigin() throws Exception {
    var options =
        WebAuthnJson.read(
            "{\"challenge\":\"AQID\"}", PublicKeyCredentialRequestOptionsJSON.class);
    var in = WebAuthnClient.GetInputs.check(options, "https://Shop.BÜCHER.example:443");
    assertThat(new String(in.clientDataJson().toArray(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"webauthn.get\",\"challenge\":\"AQID\","
                + "\"origin\":\"https://shop.xn--bcher-kva.example\",\"crossOrigin\":false}");
  }
}
