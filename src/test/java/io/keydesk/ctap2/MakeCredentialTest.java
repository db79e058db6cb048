package io.keydesk.ctap2;

import static io.keydesk.ctap2.CtapSpecVectors.CLIENT_DATA_HASH;
import static io.keydesk.ctap2.CtapSpecVectors.MAKE_CREDENTIAL_REQUEST;
import static io.keydesk.ctap2.CtapSpecVectors.MAKE_CREDENTIAL_RESPONSE;
import static io.keydesk.ctap2.CtapSpecVectors.USER_ICON;
import static io.keydesk.ctap2.CtapSpecVectors.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MakeCredentialTest {

  /** The request of the CTAP 2.1 section 6.1 example. */
  static MakeCredentialRequest specRequest() {
    UserEntity user =
        new UserEntity(
            Bytes.fromHex(USER_ID),
            Optional.of("johnpsmith@example.com"),
            Optional.of("John P. Smith"),
            Optional.of(USER_ICON));
    return MakeCredentialRequest.builder(
            Bytes.fromHex(CLIENT_DATA_HASH),
            new RpEntity("example.com", "Acme"),
            user,
            List.of(
                CredentialParameters.publicKey(CredentialParameters.ES256),
                CredentialParameters.publicKey(CredentialParameters.RS256)))
        .options(RequestOptions.none().withRk(true))
        .build();
  }

  /** The request body: the spec example without its command byte. */
  static String requestBody() {
    return MAKE_CREDENTIAL_REQUEST.substring(2);
  }

  static String responseBody() {
    return MAKE_CREDENTIAL_RESPONSE.substring(2);
  }

  @Test
  void encodesTheSpecRequestByteForByte() {
    assertThat(Bytes.of(Cbor.encode(specRequest().toCbor())).hex()).isEqualTo(requestBody());
  }

  @Test
  void decodesTheSpecRequestAsAnAuthenticatorWould() throws CborException {
    MakeCredentialRequest request =
        MakeCredentialRequest.fromCbor(Cbor.decodeMap(Bytes.fromHex(requestBody()).toArray()));

    assertThat(request).isEqualTo(specRequest());
    assertThat(request.rp().name()).contains("Acme");
    assertThat(request.user().displayName()).contains("John P. Smith");
    assertThat(request.options().rk()).contains(true);
    assertThat(request.options().uv()).isEmpty();
    assertThat(request.excludeList()).isEmpty();
  }

  @Test
  void roundTripsEveryMember() throws CborException {
    MakeCredentialRequest request =
        MakeCredentialRequest.builder(
                Bytes.fromHex(CLIENT_DATA_HASH),
                RpEntity.of("example.com"),
                new UserEntity(Bytes.fromHex("01"), "alice", "Alice"),
                List.of(CredentialParameters.publicKey(CredentialParameters.EDDSA)))
            .excludeList(
                List.of(
                    new PublicKeyCredentialDescriptor(
                        "public-key", Bytes.fromHex("aabb"), List.of("usb", "nfc"))))
            .extensions(CborMap.builder().put("credProtect", 2L).put("hmac-secret", true).build())
            .options(RequestOptions.none().withRk(true).withUp(true).withUv(false))
            .pinUvAuth(Bytes.fromHex("00112233445566778899aabbccddeeff"), 2)
            .enterpriseAttestation(2)
            .attestationFormatsPreference(List.of("packed", "none"))
            .build();

    byte[] encoded = Cbor.encode(request.toCbor());
    CborMap decoded = Cbor.decodeMap(encoded);
    assertThat(decoded.keys()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    MakeCredentialRequest again = MakeCredentialRequest.fromCbor(decoded);
    assertThat(again).isEqualTo(request);
    assertThat(Cbor.encode(again.toCbor())).isEqualTo(encoded);
  }

  @Test
  void rejectsAClientDataHashThatIsNot32Bytes() {
    assertThatThrownBy(
            () ->
                MakeCredentialRequest.builder(
                        Bytes.fromHex("0011"),
                        RpEntity.of("example.com"),
                        UserEntity.of(Bytes.fromHex("01")),
                        List.of())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientDataHash must be 32 bytes but is 2");

    CborMap map =
        TestMaps.with(
            TestMaps.decode(requestBody()),
            MakeCredentialRequest.CLIENT_DATA_HASH,
            Bytes.fromHex("00"));
    assertThatThrownBy(() -> MakeCredentialRequest.fromCbor(map))
        .isInstanceOf(CborException.class)
        .hasMessage("makeCredential: clientDataHash must be 32 bytes but is 1");
  }

  @Test
  void rejectsARequestWithoutUserOrWithAWrongType() {
    CborMap spec = TestMaps.decode(requestBody());

    assertThatThrownBy(
            () ->
                MakeCredentialRequest.fromCbor(TestMaps.without(spec, MakeCredentialRequest.USER)))
        .isInstanceOf(CborException.class)
        .hasMessage("required member 3 is missing");
    assertThatThrownBy(
            () ->
                MakeCredentialRequest.fromCbor(
                    TestMaps.with(spec, MakeCredentialRequest.PUB_KEY_CRED_PARAMS, "ES256")))
        .hasMessage("member 4 should be List but is String");
    assertThatThrownBy(
            () ->
                MakeCredentialRequest.fromCbor(
                    TestMaps.with(
                        spec,
                        MakeCredentialRequest.EXTENSIONS,
                        CborMap.builder().put(1L, true).build())))
        .hasMessage("member 6 should have text keys but has 1");
    assertThatThrownBy(
            () ->
                MakeCredentialRequest.fromCbor(
                    TestMaps.with(
                        spec,
                        MakeCredentialRequest.OPTIONS,
                        CborMap.builder().put("rk", "yes").build())))
        .hasMessage("member rk should be Boolean but is String");
  }

  @Test
  void rejectsAUserIdLongerThan64Bytes() {
    CborMap user = CborMap.builder().put("id", Bytes.of(new byte[65])).build();

    assertThatThrownBy(() -> UserEntity.fromCbor(user))
        .isInstanceOf(CborException.class)
        .hasMessage("user: the user ID must be 1 to 64 bytes but is 65");
  }

  @Test
  void readsTheSpecResponse() throws CborException {
    MakeCredentialResponse response =
        MakeCredentialResponse.fromCbor(TestMaps.decode(responseBody()));

    assertThat(response.fmt()).isEqualTo("packed");
    assertThat(response.authData().length()).isEqualTo(154);
    assertThat(response.authData().slice(0, 4).hex()).isEqualTo("c289c5ca");
    assertThat(response.attStmt().keys()).containsExactly("alg", "sig", "x5c");
    assertThat(response.attStmt().getLong("alg")).isEqualTo(-7L);
    assertThat(response.attStmt().getList("x5c")).hasSize(1);
    assertThat(response.epAtt()).isEmpty();
    assertThat(response.largeBlobKey()).isEmpty();
  }

  @Test
  void encodesTheSpecResponseByteForByte() throws CborException {
    MakeCredentialResponse response =
        MakeCredentialResponse.fromCbor(TestMaps.decode(responseBody()));

    assertThat(TestMaps.hex(response.toCbor())).isEqualTo(responseBody());
  }

  @Test
  void roundTripsTheOptionalResponseMembers() throws CborException {
    MakeCredentialResponse response =
        new MakeCredentialResponse(
            "none",
            Bytes.of(new byte[37]),
            CborMap.empty(),
            Optional.of(true),
            Optional.of(Bytes.of(new byte[32])),
            Optional.of(CborMap.builder().put("example", 1L).build()));

    CborMap encoded = TestMaps.decode(TestMaps.hex(response.toCbor()));
    assertThat(encoded.keys()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(MakeCredentialResponse.fromCbor(encoded)).isEqualTo(response);
  }

  @Test
  void rejectsMalformedResponses() {
    CborMap spec = TestMaps.decode(responseBody());

    assertThatThrownBy(
            () ->
                MakeCredentialResponse.fromCbor(
                    TestMaps.without(spec, MakeCredentialResponse.ATT_STMT)))
        .isInstanceOf(CborException.class)
        .hasMessage("required member 3 is missing");
    assertThatThrownBy(
            () ->
                MakeCredentialResponse.fromCbor(
                    TestMaps.with(spec, MakeCredentialResponse.FMT, Bytes.fromHex("00"))))
        .hasMessage("member 1 should be String but is Bytes");
    assertThatThrownBy(
            () ->
                MakeCredentialResponse.fromCbor(
                    TestMaps.with(spec, MakeCredentialResponse.AUTH_DATA, Bytes.of(new byte[36]))))
        .hasMessage("makeCredential response: authData must be at least 37 bytes but is 36");
    assertThatThrownBy(
            () ->
                MakeCredentialResponse.fromCbor(
                    TestMaps.with(
                        spec, MakeCredentialResponse.LARGE_BLOB_KEY, Bytes.of(new byte[31]))))
        .hasMessage("makeCredential response: largeBlobKey must be 32 bytes but is 31");
  }
}
