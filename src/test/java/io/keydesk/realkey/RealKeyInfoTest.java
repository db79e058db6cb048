package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.DeviceSession;
import io.keydesk.cbor.Cbor;
import io.keydesk.ctap2.Info;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import org.junit.jupiter.api.Test;

/** Read-only: the key's authenticatorGetInfo (CTAP 2.1 section 6.4) parses and is consistent. */
@RealKeyTest
class RealKeyInfoTest {

  @Test
  void getInfoParsesAndIsInternallyConsistent(RealKey key) throws Exception {
    CtapHidDevice hid = key.openHid();
    try (DeviceSession session = DeviceSession.of(hid)) {
      Info info = session.info();
      RealKey.say(
          "Testing "
              + session.describe()
              + ": versions "
              + info.versions()
              + ", AAGUID "
              + info.aaguid().hex()
              + ", options "
              + info.options());

      assertThat(hid.supports(CtapHidCapability.CBOR)).as("CTAPHID INIT reports CBOR").isTrue();
      assertThat(info.versions()).as("versions").isNotEmpty().doesNotHaveDuplicates();
      assertThat(info.versions()).as("a CTAP2 version").anyMatch(v -> v.startsWith("FIDO_2_"));
      if (info.supportsVersion(Info.U2F_V2)) {
        assertThat(hid.supports(CtapHidCapability.NMSG))
            .as("U2F_V2 listed, so CTAPHID INIT must not say NMSG (no CTAPHID_MSG)")
            .isFalse();
      }
      assertThat(info.extensions()).as("extensions").doesNotHaveDuplicates();
      assertThat(info.aaguid().length()).as("AAGUID length").isEqualTo(Info.AAGUID_LENGTH);
      assertThat(info.maxMsgSizeOrDefault()).as("maxMsgSize").isGreaterThanOrEqualTo(1024);
      assertThat(info.pinUvAuthProtocols())
          .as("pinUvAuthProtocols")
          .doesNotHaveDuplicates()
          .allMatch(protocol -> protocol >= 1);
      if (info.isPinSet().isPresent()) {
        assertThat(info.pinUvAuthProtocols())
            .as("a key with the clientPin option lists its PIN/UV auth protocols")
            .isNotEmpty();
      }
      if (info.isOptionEnabled(Info.OPTION_PIN_UV_AUTH_TOKEN)) {
        assertThat(info.versions())
            .as("pinUvAuthToken is a CTAP 2.1 option")
            .containsAnyOf(Info.FIDO_2_1, Info.FIDO_2_2);
      }
      info.minPinLength().ifPresent(min -> assertThat(min).as("minPINLength").isGreaterThan(3));
      info.maxPinLength()
          .ifPresent(
              max ->
                  assertThat(max)
                      .as("maxPINLength")
                      .isGreaterThanOrEqualTo(info.minPinLengthOrDefault()));
      info.maxCredentialIdLength().ifPresent(max -> assertThat(max).isPositive());
      info.maxCredentialCountInList().ifPresent(max -> assertThat(max).isPositive());

      assertThat(Info.fromCbor(Cbor.decodeMap(Cbor.encode(info.toCbor()))))
          .as("getInfo survives a round trip through canonical CBOR")
          .isEqualTo(info);
      Info again = session.refreshInfo();
      assertThat(again.aaguid()).as("AAGUID, read twice").isEqualTo(info.aaguid());
      assertThat(again.versions()).as("versions, read twice").isEqualTo(info.versions());
      assertThat(again.options()).as("options, read twice").isEqualTo(info.options());
    }
  }
}
