package io.keydesk.ctap2;

import static io.keydesk.ctap2.CtapSpecVectors.CLIENT_DATA_HASH;
import static io.keydesk.ctap2.CtapSpecVectors.CREDENTIAL_ID;
import static io.keydesk.ctap2.CtapSpecVectors.GET_ASSERTION_REQUEST;
import static io.keydesk.ctap2.CtapSpecVectors.GET_ASSERTION_RESPONSE;
import static io.keydesk.ctap2.CtapSpecVectors.USER_ICON;
import static io.keydesk.ctap2.CtapSpecVectors.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GetAssertionTest {

  /** The request of the CTAP 2.1 section 6.2 example. */
  static GetAssertionRequest specRequest() {
    byte[] second = new byte[50];
    Arrays.fill(second, (byte) 0x03);
    return GetAssertionRequest.builder("example.com", Bytes.fromHex(CLIENT_DATA_HASH))
        .allowList(
            List.of(
                PublicKeyCredentialDescriptor.publicKey(Bytes.fromHex(CREDENTIAL_ID)),
                PublicKeyCredentialDescriptor.publicKey(Bytes.of(second))))
        .options(RequestOptions.none().withUv(true))
        .build();
  }

  static String requestBody() {
    return GET_ASSERTION_REQUEST.substring(2);
  }

  static String responseBody() {
    return GET_ASSERTION_RESPONSE.substring(2);
  }

  @Test
  void encodesTheSpecRequestByteForByte() {
    assertThat(TestMaps.hex(specRequest().toCbor())).isEqualTo(requestBody());
  }

  @Test
  void decodesTheSpecRequestAsAnAuthenticatorWould() throws CborException {
    GetAssertionRequest request = GetAssertionRequest.fromCbor(TestMaps.decode(requestBody()));

    assertThat(request).isEqualTo(specRequest());
    assertThat(request.allowList()).hasSize(2);
    assertThat(request.options().uv()).contains(true);
    assertThat(request.options().up()).isEmpty();
  }

  @Test
  void roundTripsEveryMember() throws CborException {
    GetAssertionRequest request =
        GetAssertionRequest.builder("example.com", Bytes.fromHex(CLIENT_DATA_HASH))
            .allowList(
                List.of(
                    new PublicKeyCredentialDescriptor(
                        "public-key", Bytes.fromHex("0102"), List.of("usb"))))
            .extensions(CborMap.builder().put("credBlob", true).build())
            .options(RequestOptions.none().withUp(false).withUv(true))
            .pinUvAuth(Bytes.fromHex("0011223344556677"), 1)
            .build();

    CborMap decoded = TestMaps.decode(TestMaps.hex(request.toCbor()));
    assertThat(decoded.keys()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(GetAssertionRequest.fromCbor(decoded)).isEqualTo(request);
  }

  @Test
  void omitsAnEmptyAllowListAndEmptyOptions() {
    GetAssertionRequest request =
        GetAssertionRequest.builder("example.com", Bytes.fromHex(CLIENT_DATA_HASH)).build();

    assertThat(TestMaps.hex(request.toCbor()))
        .isEqualTo("a2016b6578616d706c652e636f6d025820" + CLIENT_DATA_HASH);
  }

  @Test
  void rejectsMalformedRequests() {
    CborMap spec = TestMaps.decode(requestBody());

    assertThatThrownBy(
            () -> GetAssertionRequest.fromCbor(TestMaps.without(spec, GetAssertionRequest.RP_ID)))
        .isInstanceOf(CborException.class)
        .hasMessage("required member 1 is missing");
    assertThatThrownBy(
            () ->
                GetAssertionRequest.fromCbor(
                    TestMaps.with(spec, GetAssertionRequest.ALLOW_LIST, List.of("not a map"))))
        .hasMessage("member 3 should hold CborMap items but holds String");
    assertThatThrownBy(
            () ->
                GetAssertionRequest.fromCbor(
                    TestMaps.with(spec, GetAssertionRequest.CLIENT_DATA_HASH, Bytes.empty())))
        .hasMessage("getAssertion: clientDataHash must be 32 bytes but is 0");
    assertThatThrownBy(
            () ->
                GetAssertionRequest.fromCbor(
                    TestMaps.with(spec, GetAssertionRequest.PIN_UV_AUTH_PROTOCOL, -1L)))
        .hasMessage("member 7 is out of range: -1");
  }

  @Test
  void readsTheSpecResponse() throws CborException {
    GetAssertionResponse response = GetAssertionResponse.fromCbor(TestMaps.decode(responseBody()));

    assertThat(response.credential())
        .contains(PublicKeyCredentialDescriptor.publicKey(Bytes.fromHex(CREDENTIAL_ID)));
    assertThat(response.authData().hex())
        .isEqualTo("625ddadf743f5727e66bba8c2e387922d1af43c503d9114a8fba104d84d02bfa0100000011");
    assertThat(response.signature().length()).isEqualTo(71);
    assertThat(response.user())
        .contains(
            new UserEntity(
                Bytes.fromHex(USER_ID),
                Optional.of("johnpsmith@example.com"),
                Optional.of("John P. Smith"),
                Optional.of(USER_ICON)));
    assertThat(response.numberOfCredentials()).contains(1);
    assertThat(response.userSelected()).isEmpty();
  }

  @Test
  void encodesTheSpecResponseByteForByte() throws CborException {
    GetAssertionResponse response = GetAssertionResponse.fromCbor(TestMaps.decode(responseBody()));

    assertThat(TestMaps.hex(response.toCbor())).isEqualTo(responseBody());
  }

  @Test
  void roundTripsEveryResponseMember() throws CborException {
    GetAssertionResponse response =
        new GetAssertionResponse(
            Optional.of(PublicKeyCredentialDescriptor.publicKey(Bytes.fromHex("01"))),
            Bytes.of(new byte[37]),
            Bytes.fromHex("3006020101020101"),
            Optional.of(UserEntity.of(Bytes.fromHex("02"))),
            Optional.of(3),
            Optional.of(true),
            Optional.of(Bytes.of(new byte[32])),
            Optional.of(CborMap.builder().put("x", 1L).build()));

    CborMap decoded = TestMaps.decode(TestMaps.hex(response.toCbor()));
    assertThat(decoded.keys()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(GetAssertionResponse.fromCbor(decoded)).isEqualTo(response);
  }

  @Test
  void acceptsAResponseWithoutCredential() throws CborException {
    CborMap withoutCredential =
        TestMaps.without(TestMaps.decode(responseBody()), GetAssertionResponse.CREDENTIAL);

    assertThat(GetAssertionResponse.fromCbor(withoutCredential).credential()).isEmpty();
  }

  @Test
  void rejectsMalformedResponses() {
    CborMap spec = TestMaps.decode(responseBody());

    assertThatThrownBy(
            () ->
                GetAssertionResponse.fromCbor(
                    TestMaps.without(spec, GetAssertionResponse.SIGNATURE)))
        .isInstanceOf(CborException.class)
        .hasMessage("required member 3 is missing");
    assertThatThrownBy(
            () ->
                GetAssertionResponse.fromCbor(
                    TestMaps.with(spec, GetAssertionResponse.NUMBER_OF_CREDENTIALS, 0L)))
        .hasMessage("getAssertion response: numberOfCredentials must be at least 1 but is 0");
    assertThatThrownBy(
            () ->
                GetAssertionResponse.fromCbor(
                    TestMaps.with(
                        spec,
                        GetAssertionResponse.CREDENTIAL,
                        CborMap.builder().put("type", "public-key").build())))
        .hasMessage("required member id is missing");
    assertThatThrownBy(
            () ->
                GetAssertionResponse.fromCbor(
                    TestMaps.with(
                        spec,
                        GetAssertionResponse.USER,
                        CborMap.builder().put("id", "not bytes").build())))
        .hasMessage("member id should be Bytes but is String");
  }
}
