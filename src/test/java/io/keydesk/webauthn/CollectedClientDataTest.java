package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollectedClientDataTest {

  private static String text(Bytes json) {
    return new String(json.toArray(), StandardCharsets.UTF_8);
  }

  @Test
  void authenticationClientDataMatchesTheSpecVectorByteForByte() {
    Bytes json =
        CollectedClientData.get(SpecVectors.NONE_ES256_AUTH_CHALLENGE, SpecVectors.ORIGIN).toJson();
    assertThat(json).isEqualTo(SpecVectors.NONE_ES256_AUTH_CLIENT_DATA);
  }

  @Test
  void registrationClientDataMatchesTheSpecVectorByteForByte() {
    Bytes json =
        CollectedClientData.create(SpecVectors.PACKED_RS256_CHALLENGE, SpecVectors.ORIGIN).toJson();
    assertThat(json).isEqualTo(SpecVectors.PACKED_RS256_CLIENT_DATA);
    assertThat(text(json))
        .isEqualTo(
            "{\"type\":\"webauthn.create\",\"challenge\":"
                + "\"vqjwdwAJvVfywN9v6p90Oifkthu-kjyGLHqtep_I5KY\",\"origin\":"
                + "\"https://example.org\",\"crossOrigin\":false}");
  }

  @Test
  void hashIsSha256OfTheExactBytes() {
    CollectedClientData data = CollectedClientData.get(Bytes.fromHex("00ff"), "https://a.example");
    assertThat(text(data.toJson()))
        .isEqualTo(
            "{\"type\":\"webauthn.get\",\"challenge\":\"AP8\",\"origin\":\"https://a.example\","
                + "\"crossOrigin\":false}");
    // SHA-256 of the line above, computed independently with python3 hashlib.
    assertThat(data.hash().hex())
        .isEqualTo("090acbd1b7494e462b3a412a7d7be6600d542474ed6577dcc7bc779ba5f26063");
    assertThat(CollectedClientData.clientDataHash(Bytes.of("abc".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(
            Bytes.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }

  @Test
  void topOriginIsWrittenOnlyAfterCrossOriginTrue() {
    CollectedClientData cross =
        new CollectedClientData(
            CollectedClientData.TYPE_GET,
            Bytes.fromHex("01"),
            "https://inner.example",
            true,
            Optional.of("https://outer.example"));
    assertThat(text(cross.toJson()))
        .isEqualTo(
            "{\"type\":\"webauthn.get\",\"challenge\":\"AQ\",\"origin\":\"https://inner.example\","
                + "\"crossOrigin\":true,\"topOrigin\":\"https://outer.example\"}");
    assertThatThrownBy(
            () ->
                new CollectedClientData(
                    CollectedClientData.TYPE_GET,
                    Bytes.fromHex("01"),
                    "https://inner.example",
                    false,
                    Optional.of("https://outer.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topOrigin is only present when crossOrigin is true");
  }

  @Test
  void ccdToStringEscapesQuoteBackslashAndControlsAndKeepsEverythingElseAsUtf8() {
    String origin = "https://a\"b\\c\u0000\u001f\n\t\u007f é€😀/";
    Bytes json = CollectedClientData.get(Bytes.empty(), origin).toJson();
    String expectedOrigin = "\"https://a\\\"b\\\\c\\u0000\\u001f\\u000a\\u0009\u007f é€😀/\"";
    assertThat(text(json))
        .isEqualTo(
            "{\"type\":\"webauthn.get\",\"challenge\":\"\",\"origin\":"
                + expectedOrigin
                + ",\"crossOrigin\":false}");
    // Non-ASCII is raw UTF-8, never \\u escapes: é = c3 a9, € = e2 82 ac, 😀 = f0 9f 98 80.
    assertThat(json.hex()).contains("c3a9" + "e282ac" + "f09f9880");
    // Control characters use lowercase hex digits.
    assertThat(text(CollectedClientData.get(Bytes.empty(), "\u001b").toJson()))
        .contains("\"origin\":\"\\u001b\"");
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    CollectedClientData data = CollectedClientData.get(Bytes.empty(), "https://x\ud800.example");
    assertThatThrownBy(data::toJson)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unpaired surrogate at index 9 cannot be encoded in clientDataJSON");
  }

  @Test
  void parsesSpecClientDataIgnoringExtraMembers() throws Exception {
    CollectedClientData parsed = CollectedClientData.parse(SpecVectors.NONE_ES256_REG_CLIENT_DATA);
    assertThat(parsed.type()).isEqualTo(CollectedClientData.TYPE_CREATE);
    assertThat(parsed.challenge()).isEqualTo(SpecVectors.NONE_ES256_REG_CHALLENGE);
    assertThat(parsed.origin()).isEqualTo(SpecVectors.ORIGIN);
    assertThat(parsed.crossOrigin()).isFalse();
    assertThat(parsed.topOrigin()).isEmpty();

    CollectedClientData get = CollectedClientData.parse(SpecVectors.NONE_ES256_AUTH_CLIENT_DATA);
    assertThat(get.toJson()).isEqualTo(SpecVectors.NONE_ES256_AUTH_CLIENT_DATA);
  }

  @Test
  void parseRoundTripsEscapedStrings() throws Exception {
    CollectedClientData original =
        new CollectedClientData(
            CollectedClientData.TYPE_GET,
            Bytes.fromHex("deadbeef"),
            "https://é.example\u0001\"",
            true,
            Optional.of("https://top.example"));
    assertThat(CollectedClientData.parse(original.toJson())).isEqualTo(original);
  }

  @Test
  void parseRefusesMalformedClientData() {
    assertParseFails(
        "{\"type\":\"webauthn.get\",\"origin\":\"https://a\"}",
        "clientDataJSON member \"challenge\" is missing or not a string");
    assertParseFails(
        "{\"type\":\"webauthn.get\",\"challenge\":\"AQ==\",\"origin\":\"o\"}",
        "clientDataJSON challenge is not base64url without padding");
    assertParseFails(
        "{\"type\":\"webauthn.get\",\"challenge\":\"AQ\",\"origin\":\"o\",\"crossOrigin\":1}",
        "clientDataJSON crossOrigin is not a boolean");
    assertParseFails(
        "{\"type\":\"webauthn.get\",\"challenge\":\"AQ\",\"origin\":\"o\",\"topOrigin\":\"t\"}",
        "clientDataJSON has topOrigin but crossOrigin is not true");
    assertParseFails("[]", "clientDataJSON is not a JSON object");
    assertThatThrownBy(() -> CollectedClientData.parse(Bytes.fromHex("7bff7d")))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage("clientDataJSON is not valid UTF-8");
    assertThatThrownBy(
            () ->
                CollectedClientData.parse(
                    Bytes.of(
                        "{\"type\":\"a\",\"type\":\"b\",\"challenge\":\"\",\"origin\":\"o\"}"
                            .getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageContaining("Duplicate field 'type'");
  }

  private static void assertParseFails(String json, String message) {
    assertThatThrownBy(
            () -> CollectedClientData.parse(Bytes.of(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage(message)
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.ENCODING_ERROR);
  }
}
