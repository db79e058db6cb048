package io.keydesk.app;

import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import io.keydesk.webauthn.WebAuthnClientException;

/**
 * The plugged-in security key as the account use cases see it: a WebAuthn client bound to one key,
 * its user prompts (touch, PIN) and its cancel token (WebAuthn L3 §5.1.3 create, §5.1.4 get).
 */
public interface AccountKey {
  /** navigator.credentials.get() for {@code origin}. */
  AuthenticationResponseJSON authenticate(
      PublicKeyCredentialRequestOptionsJSON options, String origin) throws WebAuthnClientException;

  /** navigator.credentials.create() for {@code origin}. */
  RegistrationResponseJSON register(PublicKeyCredentialCreationOptionsJSON options, String origin)
      throws WebAuthnClientException;
}
