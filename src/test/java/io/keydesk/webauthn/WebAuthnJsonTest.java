package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebAuthnJsonTest {
  static final String CREATION =
      "{\"rp\":{\"id\":\"example.com\",\"name\":\"Example\"},"
          + "\"user\":{\"id\":\"AQID\",\"name\":\"ada\",\"displayName\":\"Ada\"},"
          + "\"challenge\":\"AAECAwQFBgcICQoLDA0ODw\","
          + "\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-7},"
          + "{\"type\":\"public-key\",\"alg\":-257}],"
          + "\"timeout\":60000,"
          + "\"excludeCredentials\":[{\"id\":\"_-8\",\"type\":\"public-key\","
          + "\"transports\":[\"usb\"]}],"
          + "\"authenticatorSelection\":{\"residentKey\":\"required\","
          + "\"requireResidentKey\":true,\"userVerification\":\"required\"},"
          + "\"hints\":[\"security-key\"],"
          + "\"attestation\":\"direct\","
          + "\"attestationFormats\":[\"packed\"],"
          + "\"extensions\":{\"credProps\":true},"
          + "\"somethingNew\":{\"ignored\":1}}";

  @Test
  void parsesCreationOptionsIgnoringUnknownMembers() throws Exception {
    PublicKeyCredentialCreationOptionsJSON options =
        WebAuthnJson.read(CREATION, PublicKeyCredentialCreationOptionsJSON.class);
    assertThat(options.rp().id()).contains("example.com");
    assertThat(options.user().id()).isEqualTo(Bytes.fromHex("010203"));
    assertThat(options.challenge()).isEqualTo(Bytes.fromHex("000102030405060708090a0b0c0d0e0f"));
    assertThat(options.pubKeyCredParams())
        .extracting(PublicKeyCredentialParameters::alg)
        .containsExactly(-7L, -257L);
    assertThat(options.timeout()).contains(60000L);
    assertThat(options.excludeCredentials().get(0).id()).isEqualTo(Bytes.fromHex("ffef"));
    assertThat(options.excludeCredentials().get(0).transports()).containsExactly("usb");
    AuthenticatorSelectionCriteria selection = options.authenticatorSelection().orElseThrow();
    assertThat(selection.effectiveResidentKey()).isEqualTo("required");
    assertThat(selection.effectiveUserVerification()).isEqualTo("required");
    assertThat(selection.authenticatorAttachment()).isEmpty();
    assertThat(options.extensions().orElseThrow().get("credProps").booleanValue()).isTrue();
  }

  @Test
  void writesCreationOptionsBackWithoutAbsentOptionals() throws Exception {
    PublicKeyCredentialCreationOptionsJSON options =
        WebAuthnJson.read(CREATION, PublicKeyCredentialCreationOptionsJSON.class);
    String written = WebAuthnJson.write(options);
    assertThat(written)
        .isEqualTo(
            CREATION
                .replace(",\"somethingNew\":{\"ignored\":1}", "")
                .replace("{\"residentKey\"", "{\"residentKey\""));
    assertThat(WebAuthnJson.read(written, PublicKeyCredentialCreationOptionsJSON.class))
        .isEqualTo(options);
  }

  @Test
  void minimalRequestOptionsHaveSpecDefaults() throws Exception {
    PublicKeyCredentialRequestOptionsJSON options =
        WebAuthnJson.read("{\"challenge\":\"AQ\"}", PublicKeyCredentialRequestOptionsJSON.class);
    assertThat(options.rpId()).isEmpty();
    assertThat(options.allowCredentials()).isEmpty();
    assertThat(options.effectiveUserVerification()).isEqualTo("preferred");
    assertThat(WebAuthnJson.write(options))
        .isEqualTo("{\"challenge\":\"AQ\",\"allowCredentials\":[],\"hints\":[]}");
  }

  @Test
  void registrationResponseIsWrittenAsL3Json() {
    RegistrationResponseJSON response =
        new RegistrationResponseJSON(
            "AQI",
            Bytes.fromHex("0102"),
            new AuthenticatorAttestationResponseJSON(
                Bytes.fromHex("7b7d"),
                Bytes.fromHex("a0"),
                Optional.of(Bytes.fromHex("00")),
                List.of("usb"),
                Optional.empty(),
                Optional.of(-7L)),
            Optional.of("cross-platform"),
            null,
            null);
    assertThat(WebAuthnJson.write(response))
        .isEqualTo(
            "{\"id\":\"AQI\",\"rawId\":\"AQI\",\"response\":{\"clientDataJSON\":\"e30\","
                + "\"attestationObject\":\"oA\",\"authenticatorData\":\"AA\","
                + "\"transports\":[\"usb\"],\"publicKeyAlgorithm\":-7},"
                + "\"authenticatorAttachment\":\"cross-platform\",\"clientExtensionResults\":{},"
                + "\"type\":\"public-key\"}");
  }

  @Test
  void authenticationResponseRoundTrips() throws Exception {
    String json =
        "{\"id\":\"AQI\",\"rawId\":\"AQI\",\"response\":{\"clientDataJSON\":\"e30\","
            + "\"authenticatorData\":\"AA\",\"signature\":\"MAA\",\"userHandle\":\"AQ\"},"
            + "\"clientExtensionResults\":{\"credProps\":{\"rk\":true}},\"type\":\"public-key\"}";
    AuthenticationResponseJSON parsed = WebAuthnJson.read(json, AuthenticationResponseJSON.class);
    assertThat(parsed.response().userHandle()).contains(Bytes.fromHex("01"));
    assertThat(parsed.response().signature()).isEqualTo(Bytes.fromHex("3000"));
    assertThat(WebAuthnJson.write(parsed)).isEqualTo(json);
  }

  @Test
  void idMustBeTheBase64UrlOfRawId() {
    assertThatThrownBy(
            () ->
                WebAuthnJson.read(
                    "{\"id\":\"AQM\",\"rawId\":\"AQI\",\"response\":{\"clientDataJSON\":\"e30\","
                        + "\"authenticatorData\":\"AA\",\"signature\":\"MAA\"}}",
                    AuthenticationResponseJSON.class))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage(
            "AuthenticationResponseJSON is malformed: id \"AQM\" is not the base64url"
                + " of rawId (AQI)");
  }

  @Test
  void badBase64UrlIsAnEncodingError() {
    assertThatThrownBy(
            () ->
                WebAuthnJson.read(
                    "{\"challenge\":\"a+b/\"}", PublicKeyCredentialRequestOptionsJSON.class))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageStartingWith(
            "PublicKeyCredentialRequestOptionsJSON: member challenge is not" + " valid base64url")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.ENCODING_ERROR);
    assertThatThrownBy(
            () ->
                WebAuthnJson.read(
                    "{\"challenge\":\"AQ\",\"allowCredentials\":[{\"id\":\"*\","
                        + "\"type\":\"public-key\"}]}",
                    PublicKeyCredentialRequestOptionsJSON.class))
        .hasMessageStartingWith(
            "PublicKeyCredentialRequestOptionsJSON: member"
                + " allowCredentials[0].id is not valid base64url");
  }

  @Test
  void missingRequiredMembersAreTypeErrors() {
    assertThatThrownBy(
            () -> WebAuthnJson.read("{\"timeout\":1}", PublicKeyCredentialRequestOptionsJSON.class))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage(
            "PublicKeyCredentialRequestOptionsJSON is malformed: required member"
                + " \"challenge\" is missing")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.TYPE_ERROR);
    assertThatThrownBy(
            () ->
                WebAuthnJson.read(
                    CREATION.replace("\"displayName\":\"Ada\"", "\"displayName\":null"),
                    PublicKeyCredentialCreationOptionsJSON.class))
        .hasMessageEndingWith("required member \"user.displayName\" is missing");
    assertThatThrownBy(
            () ->
                WebAuthnJson.read(
                    "{\"challenge\":\"AQ\",\"timeout\":\"soon\"}",
                    PublicKeyCredentialRequestOptionsJSON.class))
        .hasMessageStartingWith(
            "PublicKeyCredentialRequestOptionsJSON: member timeout is" + " malformed");
    assertThatThrownBy(() -> WebAuthnJson.read("{", PublicKeyCredentialRequestOptionsJSON.class))
        .hasMessageStartingWith("PublicKeyCredentialRequestOptionsJSON");
  }
}
