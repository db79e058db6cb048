package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key's maxMsgSize (getInfo 0x05) bounds every request the WebAuthn client sends it. */
class MaxMessageSizeTest {
  private static List<PublicKeyCredentialDescriptor> ids(int count, int length) {
    List<PublicKeyCredentialDescriptor> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[length];
      id[0] = (byte) i;
      id[1] = 0x5A;
      out.add(PublicKeyCredentialDescriptor.publicKey(Bytes.of(id)));
    }
    return out;
  }

  @Test
  void aLongListIsSplitBeforeItExceedsMaxMsgSize() throws Exception {
    Info info =
        Info.builder(List.of(Info.FIDO_2_0, Info.FIDO_2_1), Bytes.of(new byte[16]))
            .maxCredentialCountInList(64)
            .maxCredentialIdLength(128)
            .maxMsgSize(1200)
            .build();
    List<PublicKeyCredentialDescriptor> list = ids(40, 128);
    FakeCtap2Device device = new FakeCtap2Device(info, Set.of(list.get(33).id()));

    Optional<PublicKeyCredentialDescriptor> found =
        CredentialListProbe.find(
            new Ctap2(device), info, "example.com", list, Optional.empty(), CancelToken.none());

    assertThat(found).contains(list.get(33));
    assertThat(device.assertions).isNotEmpty();
    for (GetAssertionRequest request : device.assertions) {
      assertThat(1 + Cbor.encode(request.toCbor()).length).isLessThanOrEqualTo(1200);
    }
  }

  @Test
  void createWithFortyExcludedIdsOnAKeyOf1200Bytes() throws Exception {
    try (SoftwareAuthenticator authenticator =
            SoftwareAuthenticator.builder()
                .state(AuthenticatorState.generate())
                .userPresence(UserPresence.approve())
                .handler(Ctap2CommandHandler::new)
                .build();
        CtapHidDevice device =
            CtapHidDevice.open(authenticator.connect(), Duration.ofSeconds(30))) {
      StringBuilder exclude = new StringBuilder();
      for (PublicKeyCredentialDescriptor id : ids(40, 128)) {
        exclude
            .append(exclude.length() == 0 ? "" : ",")
            .append("{\"type\":\"public-key\",\"id\":\"")
            .append(id.id().base64Url())
            .append("\"}");
      }
      String json =
          ValidationBeforeIoTest.creation("", "AQ", "{\"type\":\"public-key\",\"alg\":-7}")
              .replaceFirst("\\}$", ",\"excludeCredentials\":[" + exclude + "]}");
      var options = WebAuthnJson.read(json, PublicKeyCredentialCreationOptionsJSON.class);

      RegistrationResponseJSON response =
          new WebAuthnClient(device)
              .create(
                  options,
                  "https://example.com",
                  new WebAuthnClientEndToEndTest.TestUser(),
                  CancelToken.none());

      assertThat(response.id()).isNotNull();
      assertThat(device.maxMessageSize()).isEqualTo(1200);
    }
  }
}
