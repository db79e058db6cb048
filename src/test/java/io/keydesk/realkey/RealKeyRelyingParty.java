package io.keydesk.realkey;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserVerificationRequirement;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.testing.YubicoRelyingParty;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.WebAuthnClient;
import io.keydesk.webauthn.WebAuthnJson;

/**
 * Yubico's java-webauthn-server verifying what KeyDesk's WebAuthn client gets from the real key:
 * the tier-5 verifier ({@link YubicoRelyingParty}) with one in-memory user.
 */
final class RealKeyRelyingParty {
  static final String ORIGIN = "https://" + YubicoRelyingParty.RP_ID;
  private static final long TIMEOUT_MS = RealKey.TOUCH_TIMEOUT.toMillis();

  final YubicoRelyingParty.Repository repository = new YubicoRelyingParty.Repository();
  final RelyingParty rp = YubicoRelyingParty.builder(repository, ORIGIN).build();

  /** Registers a credential (discoverable or not); the RP verifies and stores it. */
  RegistrationResult register(
      CtapDevice key, UserInteraction person, boolean discoverable, UserVerificationRequirement uv)
      throws Exception {
    PublicKeyCredentialCreationOptions creation =
        rp.startRegistration(
            StartRegistrationOptions.builder()
                .user(repository.user())
                .authenticatorSelection(
                    AuthenticatorSelectionCriteria.builder()
                        .residentKey(
                            discoverable
                                ? ResidentKeyRequirement.REQUIRED
                                : ResidentKeyRequirement.DISCOURAGED)
                        .userVerification(uv)
                        .build())
                .timeout(TIMEOUT_MS)
                .build());
    RegistrationResponseJSON response =
        new WebAuthnClient(key)
            .create(
                WebAuthnJson.read(creation.toJson(), PublicKeyCredentialCreationOptionsJSON.class),
                ORIGIN,
                person,
                CancelToken.none());
    RegistrationResult result =
        YubicoRelyingParty.finishRegistration(rp, creation, WebAuthnJson.write(response));
    repository.add(result);
    return result;
  }

  /**
   * Authenticates with the registered credentials: by username (allowList) or, with {@code
   * usernameless}, by discoverable credential (empty allowList). The RP verifies the signature.
   */
  AssertionResult authenticate(
      CtapDevice key, UserInteraction person, boolean usernameless, UserVerificationRequirement uv)
      throws Exception {
    StartAssertionOptions.StartAssertionOptionsBuilder start =
        StartAssertionOptions.builder().userVerification(uv).timeout(TIMEOUT_MS);
    if (!usernameless) {
      start.username(YubicoRelyingParty.USERNAME);
    }
    AssertionRequest request = rp.startAssertion(start.build());
    String options =
        WebAuthnJson.mapper()
            .readTree(request.getPublicKeyCredentialRequestOptions().toCredentialsGetJson())
            .get("publicKey")
            .toString();
    AuthenticationResponseJSON response =
        new WebAuthnClient(key)
            .get(
                WebAuthnJson.read(options, PublicKeyCredentialRequestOptionsJSON.class),
                ORIGIN,
                person,
                CancelToken.none());
    return YubicoRelyingParty.finishAssertion(rp, request, WebAuthnJson.write(response));
  }
}
