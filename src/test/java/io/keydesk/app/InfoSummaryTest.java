package io.keydesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinRetries;
import io.keydesk.mds.AuthenticatorModel;
import io.keydesk.mds.AuthenticatorModels;
import io.keydesk.mds.MdsBlob;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InfoSummaryTest {
  static final Bytes AAGUID = Bytes.fromHex("83d56a1a042a45e2ba464e6f5a3a1acd");

  static Info keyWithPin() {
    Map<String, Boolean> options = new LinkedHashMap<>();
    options.put("rk", true);
    options.put("up", true);
    options.put("clientPin", true);
    options.put("pinUvAuthToken", true);
    return Info.builder(List.of("FIDO_2_0", "FIDO_2_1"), AAGUID)
        .extensions(List.of("credProtect", "hmac-secret"))
        .options(options)
        .maxMsgSize(1200)
        .pinUvAuthProtocols(List.of(2, 1))
        .transports(List.of("usb"))
        .algorithms(
            List.of(
                CredentialParameters.publicKey(-7),
                CredentialParameters.publicKey(-8),
                CredentialParameters.publicKey(-65535)))
        .minPinLength(6)
        .firmwareVersion(0x00010000L)
        .remainingDiscoverableCredentials(24)
        .build();
  }

  @Test
  void readableLinesCoverWhatUsersAskAbout() {
    InfoSummary summary =
        InfoSummary.of(
            "udp:127.0.0.1:8111", keyWithPin(), Optional.of(new PinRetries(2, Optional.of(false))));
    assertThat(summary.toText())
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "Device:                   udp:127.0.0.1:8111",
                "Versions:                 FIDO_2_0, FIDO_2_1",
                "AAGUID:                   83d56a1a-042a-45e2-ba46-4e6f5a3a1acd",
                "Model:                    KeyDesk Software Authenticator",
                "Firmware:                 65536 (0x00010000)",
                "PIN:                      set, 2 tries left (minimum length 6)",
                "Built-in UV:              none",
                "Discoverable credentials: supported, 24 slots left",
                "Algorithms:               ES256 (-7), EdDSA (-8), -65535",
                "Extensions:               credProtect, hmac-secret",
                "Options:                  rk=true, up=true, clientPin=true, pinUvAuthToken=true",
                "PIN/UV protocols:         2, 1",
                "Transports:               usb",
                "Max message size:         1200 bytes",
                "Attestation formats:      packed",
                ""));
  }

  @Test
  void modelFromImportedMetadataWinsOverTheBundledTable() throws Exception {
    UUID yubikey = UUID.fromString("2fc0579f-8113-47ea-b116-bb5a8db9202a");
    MdsBlob blob =
        new MdsBlob(
            42,
            LocalDate.of(2030, 1, 1),
            Optional.empty(),
            List.of(
                new AuthenticatorModel(
                    yubikey,
                    "YubiKey 5 Series with NFC",
                    Optional.empty(),
                    Optional.of("data:image/png;base64,AA=="),
                    Optional.of("FIDO_CERTIFIED_L2"),
                    Optional.of("FIDO_CERTIFIED_L2"),
                    AuthenticatorModel.Source.MDS)));
    Info info =
        Info.builder(List.of("FIDO_2_1"), Bytes.fromHex("2fc0579f811347eab116bb5a8db9202a"))
            .build();
    InfoSummary summary =
        InfoSummary.of("dev", info, Optional.empty(), AuthenticatorModels.withMetadata(blob));
    assertThat(summary.lines())
        .contains(new InfoSummary.Line("Model", "YubiKey 5 Series with NFC (FIDO certified L2)"));
    JsonNode json = new ObjectMapper().readTree(summary.toJson());
    assertThat(json.get("model").toString())
        .isEqualTo(
            "{\"name\":\"YubiKey 5 Series with NFC\",\"vendor\":\"Yubico\",\"source\":\"mds\","
                + "\"certification\":\"FIDO_CERTIFIED_L2\",\"status\":\"FIDO_CERTIFIED_L2\"}");
  }

  @Test
  void unknownAndZeroAaguidsSaySo() throws Exception {
    Info unknown =
        Info.builder(List.of("FIDO_2_0"), Bytes.fromHex("00000000000000000000000000000001"))
            .build();
    InfoSummary summary = InfoSummary.of("dev", unknown, Optional.empty());
    assertThat(summary.lines())
        .contains(
            new InfoSummary.Line(
                "Model",
                "unknown; 'keydesk mds import FILE' adds the FIDO Metadata Service's models"));
    assertThat(new ObjectMapper().readTree(summary.toJson()).has("model")).isFalse();
    Info zero = Info.builder(List.of("U2F_V2"), Bytes.of(new byte[16])).build();
    assertThat(InfoSummary.of("dev", zero, Optional.empty()).lines())
        .contains(new InfoSummary.Line("Model", "not reported (all-zero AAGUID)"));
  }

  @Test
  void pinLinePointsWhereTheCallerSays() {
    Info notSet =
        Info.builder(List.of("FIDO_2_0"), AAGUID).options(Map.of("clientPin", false)).build();
    InfoSummary.PinHints buttons = new InfoSummary.PinHints("\"Set PIN…\"", "\"Change PIN…\"");
    assertThat(InfoSummary.pin(notSet, Optional.empty(), buttons))
        .isEqualTo("not set (minimum length 4); set one with \"Set PIN…\"");
    assertThat(InfoSummary.pin(notSet, Optional.empty(), InfoSummary.PinHints.CLI))
        .isEqualTo(InfoSummary.pin(notSet, Optional.empty()));
  }

  @Test
  void pinStatesInWords() {
    Info noPinSupport = Info.builder(List.of("FIDO_2_0"), AAGUID).build();
    assertThat(InfoSummary.pin(noPinSupport, Optional.empty())).isEqualTo("not supported");
    Info notSet =
        Info.builder(List.of("FIDO_2_0"), AAGUID).options(Map.of("clientPin", false)).build();
    assertThat(InfoSummary.pin(notSet, Optional.empty()))
        .isEqualTo("not set (minimum length 4); set one with 'keydesk pin set'");
    assertThat(InfoSummary.pin(keyWithPin(), Optional.of(new PinRetries(0, Optional.empty()))))
        .isEqualTo(
            "set, blocked (no tries left: only a reset unblocks it, erasing every credential)"
                + " (minimum length 6)");
    assertThat(InfoSummary.pin(keyWithPin(), Optional.of(new PinRetries(5, Optional.of(true)))))
        .isEqualTo(
            "set, 5 tries left (minimum length 6); remove and re-insert the key before the next"
                + " PIN attempt");
  }

  @Test
  void jsonHasEveryMemberAndThePinState() throws Exception {
    InfoSummary summary =
        InfoSummary.of("dev", keyWithPin(), Optional.of(new PinRetries(8, Optional.of(false))));
    JsonNode json = new ObjectMapper().readTree(summary.toJson());
    assertThat(json.get("aaguid").asText()).isEqualTo("83d56a1a-042a-45e2-ba46-4e6f5a3a1acd");
    assertThat(json.get("model").toString())
        .isEqualTo(
            "{\"name\":\"KeyDesk Software Authenticator\",\"vendor\":\"KeyDesk\","
                + "\"source\":\"bundled\"}");
    assertThat(json.get("versions").toString()).isEqualTo("[\"FIDO_2_0\",\"FIDO_2_1\"]");
    assertThat(json.get("options").get("clientPin").asBoolean()).isTrue();
    assertThat(json.get("algorithms").get(0).toString())
        .isEqualTo("{\"type\":\"public-key\",\"alg\":-7,\"name\":\"ES256\"}");
    assertThat(json.get("remainingDiscoverableCredentials").asInt()).isEqualTo(24);
    assertThat(json.get("minPINLength").asInt()).isEqualTo(6);
    assertThat(json.get("maxPINLength").asInt()).isEqualTo(63);
    assertThat(json.get("firmwareVersion").asLong()).isEqualTo(65536);
    assertThat(json.get("pin").toString())
        .isEqualTo("{\"supported\":true,\"set\":true,\"retries\":8,\"powerCycleState\":false}");
  }

  @Test
  void fewRetriesWarnBeforeThePrompt() {
    assertThat(PinService.warningFor(new PinRetries(8, Optional.of(false)))).isEmpty();
    assertThat(PinService.warningFor(new PinRetries(4, Optional.empty()))).isEmpty();
    assertThat(PinService.warningFor(new PinRetries(3, Optional.empty())).orElseThrow())
        .isEqualTo(
            "Careful: 3 tries left before the PIN is blocked and only a reset (which erases every"
                + " credential) helps.");
    assertThat(PinService.warningFor(new PinRetries(5, Optional.of(true))).orElseThrow())
        .startsWith("Too many wrong PINs in a row: remove the key, insert it again");
    assertThat(PinService.warningFor(new PinRetries(0, Optional.empty())).orElseThrow())
        .startsWith("The PIN is blocked");
  }
}
