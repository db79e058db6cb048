package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.AAGUID;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinProtocolV2;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetInfoTest {
  private static Info expected(boolean pinSet, int remaining) {
    Map<String, Boolean> options = new LinkedHashMap<>();
    options.put("rk", true);
    options.put("up", true);
    options.put("plat", false);
    options.put("clientPin", pinSet);
    options.put("pinUvAuthToken", true);
    options.put("makeCredUvNotRqd", true);
    return Info.builder(List.of("FIDO_2_0", "FIDO_2_1"), AAGUID)
        .extensions(List.of("credProtect", "hmac-secret"))
        .options(options)
        .maxMsgSize(1200)
        .pinUvAuthProtocols(List.of(2, 1))
        .maxCredentialCountInList(8)
        .maxCredentialIdLength(128)
        .transports(List.of("usb"))
        .algorithms(
            List.of(
                CredentialParameters.publicKey(CredentialParameters.ES256),
                CredentialParameters.publicKey(CredentialParameters.EDDSA)))
        .minPinLength(4)
        .firmwareVersion(0x00010000L)
        .remainingDiscoverableCredentials(remaining)
        .attestationFormats(List.of("packed", "none"))
        .build();
  }

  @Test
  void infoDescribesTheAuthenticatorAndFollowsItsState() throws Exception {
    TestAuthenticator authenticator = new TestAuthenticator();
    assertThat(authenticator.ctap2.getInfo()).isEqualTo(expected(false, 25));

    authenticator.clientPin(new PinProtocolV2()).setPin("1234".toCharArray());
    assertThat(authenticator.ctap2.getInfo()).isEqualTo(expected(true, 25));
  }

  @Test
  void theWireFormIsCanonicalCbor() throws Exception {
    TestAuthenticator authenticator = new TestAuthenticator();
    byte[] response = authenticator.processor.process(new byte[] {0x04}, authenticator.presence);
    // status OK, then a map of 14 members whose first key is 0x01 (versions).
    assertThat(response[0]).isZero();
    assertThat(response[1] & 0xFF).isEqualTo(0xAE);
    assertThat(response[2]).isEqualTo((byte) 0x01);
    assertThat(
            Info.fromCbor(
                io.keydesk.cbor.Cbor.decodeMap(
                    java.util.Arrays.copyOfRange(response, 1, response.length))))
        .isEqualTo(expected(false, 25));
  }
}
