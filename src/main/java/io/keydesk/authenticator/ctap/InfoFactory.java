package io.keydesk.authenticator.ctap;

import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Info;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** authenticatorGetInfo (CTAP 2.1 section 6.4) as the current state makes it true. */
final class InfoFactory {
  /** maxMsgSize: the largest request (command byte + CBOR) accepted. */
  static final int MAX_MSG_SIZE = 1200;

  private InfoFactory() {}

  static Info build(DeviceContext device) {
    Map<String, Boolean> options = new LinkedHashMap<>();
    options.put(Info.OPTION_RK, true);
    options.put(Info.OPTION_UP, true);
    options.put(Info.OPTION_PLAT, false);
    options.put(Info.OPTION_CLIENT_PIN, device.state.pin().isSet());
    options.put(Info.OPTION_PIN_UV_AUTH_TOKEN, true);
    options.put(Info.OPTION_MAKE_CRED_UV_NOT_RQD, true);
    List<String> versions =
        device.config.ctap20Only()
            ? List.of(Info.FIDO_2_0)
            : List.of(Info.FIDO_2_0, Info.FIDO_2_1);
    return Info.builder(versions, device.config.aaguid())
        .extensions(List.of(CredProtect.EXTENSION, HmacSecret.EXTENSION))
        .options(options)
        .maxMsgSize(MAX_MSG_SIZE)
        .pinUvAuthProtocols(PinUvAuthState.PROTOCOLS)
        .maxCredentialCountInList(CredentialLists.MAX_CREDENTIAL_COUNT_IN_LIST)
        .maxCredentialIdLength(CredentialLists.MAX_CREDENTIAL_ID_LENGTH)
        .transports(List.of("usb"))
        .algorithms(
            List.of(
                CredentialParameters.publicKey(CredentialParameters.ES256),
                CredentialParameters.publicKey(CredentialParameters.EDDSA)))
        .minPinLength(ClientPinOperation.MIN_PIN_LENGTH)
        .firmwareVersion(device.config.firmwareVersion())
        .remainingDiscoverableCredentials(device.state.store().remaining())
        .attestationFormats(device.attestation.formats())
        .build();
  }
}
