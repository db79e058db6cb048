package io.keydesk.ctap2;

import static io.keydesk.ctap2.CtapSpecVectors.AAGUID;
import static io.keydesk.ctap2.CtapSpecVectors.GET_INFO_RESPONSE_BODY;
import static io.keydesk.ctap2.CtapSpecVectors.GET_INFO_WITH_UNKNOWN_MEMBER_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InfoTest {

  static Info parse(String hex) throws CborException {
    return Info.fromCbor(Cbor.decodeMap(Bytes.fromHex(hex).toArray()));
  }

  static String encode(Info info) {
    return Bytes.of(Cbor.encode(info.toCbor())).hex();
  }

  @Test
  void readsTheSpecExample() throws CborException {
    Info info = parse(GET_INFO_RESPONSE_BODY);

    assertThat(info.versions()).containsExactly("U2F_V2", "FIDO_2_0");
    assertThat(info.extensions()).containsExactly("uvm", "hmac-secret");
    assertThat(info.aaguid()).isEqualTo(Bytes.fromHex(AAGUID));
    assertThat(info.options())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("rk", true, "up", true, "plat", false, "clientPin", false));
    assertThat(info.maxMsgSize()).contains(1200);
    assertThat(info.maxMsgSizeOrDefault()).isEqualTo(1200);
    assertThat(info.pinUvAuthProtocols()).containsExactly(1);
    assertThat(info.isPinSet()).contains(false);
    assertThat(info.isUvConfigured()).isEmpty();
    assertThat(info.supportsVersion(Info.FIDO_2_0)).isTrue();
    assertThat(info.supportsVersion(Info.FIDO_2_1)).isFalse();
    assertThat(info.supportsExtension("hmac-secret")).isTrue();
    assertThat(info.extras()).isEmpty();
  }

  @Test
  void encodesTheSpecExampleByteForByte() throws CborException {
    assertThat(encode(parse(GET_INFO_RESPONSE_BODY))).isEqualTo(GET_INFO_RESPONSE_BODY);
  }

  @Test
  void buildsTheSpecExampleFromScratch() {
    Map<String, Boolean> options = new LinkedHashMap<>();
    options.put("rk", true);
    options.put("up", true);
    options.put("plat", false);
    options.put("clientPin", false);
    Info info =
        Info.builder(List.of("U2F_V2", "FIDO_2_0"), Bytes.fromHex(AAGUID))
            .extensions(List.of("uvm", "hmac-secret"))
            .options(options)
            .maxMsgSize(1200)
            .pinUvAuthProtocols(List.of(1))
            .build();

    assertThat(encode(info)).isEqualTo(GET_INFO_RESPONSE_BODY);
  }

  @Test
  void keepsUnknownMembersAndWritesThemBack() throws CborException {
    Info info = parse(GET_INFO_WITH_UNKNOWN_MEMBER_BODY);

    assertThat(info.extras()).containsExactly(Map.entry(0x63L, 1234L));
    assertThat(info.versions()).containsExactly("U2F_V2", "FIDO_2_0");
    assertThat(encode(info)).isEqualTo(GET_INFO_WITH_UNKNOWN_MEMBER_BODY);
  }

  @Test
  void appliesTheSpecDefaultsToAMinimalMap() throws CborException {
    Info info =
        Info.fromCbor(
            CborMap.builder()
                .put(Info.VERSIONS, List.of("FIDO_2_1"))
                .put(Info.AAGUID, Bytes.fromHex(AAGUID))
                .build());

    assertThat(info.maxMsgSize()).isEmpty();
    assertThat(info.maxMsgSizeOrDefault()).isEqualTo(1024);
    assertThat(info.minPinLengthOrDefault()).isEqualTo(4);
    assertThat(info.maxPinLengthOrDefault()).isEqualTo(63);
    assertThat(info.attestationFormatsOrDefault()).containsExactly("packed");
    assertThat(info.forcePinChangeOrDefault()).isFalse();
    assertThat(info.longTouchForResetOrDefault()).isFalse();
    assertThat(info.extensions()).isEmpty();
    assertThat(info.pinUvAuthProtocols()).isEmpty();
    assertThat(info.algorithms()).isEmpty();
    assertThat(info.remainingDiscoverableCredentials()).isEmpty();
    assertThat(info.isPinSet()).as("no clientPin: PIN not supported").isEmpty();
    assertThat(encode(info)).isEqualTo("a201816846494" + "44f5f325f310350" + AAGUID);
  }

  @ParameterizedTest(name = "option {0} defaults to {1}")
  @CsvSource({
    "plat, false",
    "rk, false",
    "up, true",
    "pinUvAuthToken, false",
    "noMcGaPermissionsWithClientPin, false",
    "uvBioEnroll, false",
    "authnrCfg, false",
    "uvAcfg, false",
    "credMgmt, false",
    "credentialMgmtPreview, false",
    "setMinPINLength, false",
    "makeCredUvNotRqd, false",
    "clientPin, ",
    "uv, ",
    "bioEnroll, ",
    "userVerificationMgmtPreview, ",
    "largeBlobs, ",
    "ep, ",
    "alwaysUv, ",
    "somethingNew, "
  })
  void absentOptionsTakeTheSection64Defaults(String option, Boolean expected) {
    Info info = Info.builder(List.of("FIDO_2_1"), Bytes.fromHex(AAGUID)).build();

    assertThat(info.option(option)).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void aPresentOptionOverridesItsDefault() {
    Info info =
        Info.builder(List.of("FIDO_2_1"), Bytes.fromHex(AAGUID))
            .options(Map.of("up", false, "clientPin", true, "uv", false))
            .build();

    assertThat(info.option("up")).contains(false);
    assertThat(info.isOptionEnabled("up")).isFalse();
    assertThat(info.isPinSet()).contains(true);
    assertThat(info.isUvConfigured()).contains(false);
  }

  static Info everyMember() {
    return Info.builder(
            List.of("U2F_V2", "FIDO_2_0", "FIDO_2_1", "FIDO_2_2"), Bytes.fromHex(AAGUID))
        .extensions(List.of("credProtect", "hmac-secret", "largeBlobKey"))
        .options(Map.of("rk", true, "clientPin", true, "credMgmt", true))
        .maxMsgSize(1200)
        .pinUvAuthProtocols(List.of(2, 1))
        .maxCredentialCountInList(8)
        .maxCredentialIdLength(128)
        .transports(List.of("nfc", "usb"))
        .algorithms(List.of(CredentialParameters.publicKey(-7), CredentialParameters.publicKey(-8)))
        .maxSerializedLargeBlobArray(1024)
        .forcePinChange(true)
        .minPinLength(6)
        .firmwareVersion(0x050700L)
        .maxCredBlobLength(32)
        .maxRpIdsForSetMinPinLength(2)
        .preferredPlatformUvAttempts(3)
        .uvModality(2)
        .certifications(Map.of("FIDO", 2L))
        .remainingDiscoverableCredentials(97)
        .vendorPrototypeConfigCommands(List.of(0xFFL))
        .attestationFormats(List.of("packed", "none"))
        .uvCountSinceLastPinEntry(0)
        .longTouchForReset(true)
        .encIdentifier(Bytes.fromHex("00112233445566778899aabbccddeeff"))
        .transportsForReset(List.of("usb"))
        .pinComplexityPolicy(false)
        .pinComplexityPolicyUrl(Bytes.of("https://example.com/pin".getBytes()))
        .maxPinLength(63)
        .extras(Map.of(0x1EL, Bytes.fromHex("abcd"), -1L, "vendor"))
        .build();
  }

  @Test
  void roundTripsEveryMember() throws CborException {
    Info info = everyMember();
    byte[] encoded = Cbor.encode(info.toCbor());
    CborMap decoded = Cbor.decodeMap(encoded);

    for (long key = Info.VERSIONS; key <= Info.MAX_PIN_LENGTH; key++) {
      assertThat(decoded.has(key)).as("member 0x%02X is encoded", key).isTrue();
    }
    Info again = Info.fromCbor(decoded);
    assertThat(again).isEqualTo(info);
    assertThat(again.extras()).containsEntry(0x1EL, Bytes.fromHex("abcd"));
    assertThat(Cbor.encode(again.toCbor())).isEqualTo(encoded);
  }

  @Test
  void rejectsAMissingVersions() {
    CborMap map = CborMap.builder().put(Info.AAGUID, Bytes.fromHex(AAGUID)).build();

    assertThatThrownBy(() -> Info.fromCbor(map))
        .isInstanceOf(CborException.class)
        .hasMessage("required member 1 is missing");
  }

  @Test
  void rejectsAMissingAaguid() {
    CborMap map = CborMap.builder().put(Info.VERSIONS, List.of("FIDO_2_0")).build();

    assertThatThrownBy(() -> Info.fromCbor(map)).hasMessage("required member 3 is missing");
  }

  @Test
  void rejectsAnAaguidOfTheWrongLength() {
    CborMap map =
        CborMap.builder()
            .put(Info.VERSIONS, List.of("FIDO_2_0"))
            .put(Info.AAGUID, Bytes.fromHex("0011"))
            .build();

    assertThatThrownBy(() -> Info.fromCbor(map)).hasMessage("member 3 should be 16 bytes but is 2");
  }

  @Test
  void rejectsMembersOfTheWrongType() {
    assertThatThrownBy(() -> Info.fromCbor(minimal().put(Info.MAX_MSG_SIZE, "1200").build()))
        .isInstanceOf(CborException.class)
        .hasMessage("member 5 should be Long but is String");
    assertThatThrownBy(() -> Info.fromCbor(minimal().put(Info.VERSIONS, List.of(2L)).build()))
        .hasMessage("member 1 should hold String items but holds Long");
    assertThatThrownBy(
            () ->
                Info.fromCbor(
                    minimal().put(Info.OPTIONS, CborMap.builder().put("rk", 1L).build()).build()))
        .hasMessage("member 4 should map text to booleans but has rk=1");
    assertThatThrownBy(() -> Info.fromCbor(minimal().put(Info.MIN_PIN_LENGTH, -4L).build()))
        .hasMessage("member 13 is out of range: -4");
    assertThatThrownBy(() -> Info.fromCbor(minimal().put(Info.FORCE_PIN_CHANGE, 1L).build()))
        .hasMessage("member 12 should be Boolean but is Long");
    assertThatThrownBy(() -> Info.fromCbor(minimal().put("versions", List.of()).build()))
        .hasMessage("getInfo member keys must be integers but one is versions");
  }

  @Test
  void rejectsAnAlgorithmWithoutAlg() {
    CborMap algorithm = CborMap.builder().put("type", "public-key").build();

    assertThatThrownBy(
            () -> Info.fromCbor(minimal().put(Info.ALGORITHMS, List.of(algorithm)).build()))
        .hasMessage("required member alg is missing");
  }

  private static CborMap.Builder minimal() {
    return CborMap.builder()
        .put(Info.VERSIONS, List.of("FIDO_2_0"))
        .put(Info.AAGUID, Bytes.fromHex(AAGUID));
  }
}
