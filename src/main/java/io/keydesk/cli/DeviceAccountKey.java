package io.keydesk.cli;

import io.keydesk.app.AccountKey;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import io.keydesk.webauthn.WebAuthnClientException;

/** The security key chosen by --device (or the only one), as an {@link AccountKey}. */
final class DeviceAccountKey implements AccountKey {
  private final KeyDeskCommand root;
  private final TerminalPrompts prompts;

  private DeviceAccountKey(KeyDeskCommand root, TerminalPrompts prompts) {
    this.root = root;
    this.prompts = prompts;
  }

  static AccountKey lazy(KeyDeskCommand root, TerminalPrompts prompts) {
    return new DeviceAccountKey(root, prompts);
  }

  @Override
  public AuthenticationResponseJSON authenticate(
      PublicKeyCredentialRequestOptionsJSON options, String origin) throws WebAuthnClientException {
    throw new UnsupportedOperationException(
        "This build of KeyDesk has no WebAuthn client yet; log in with --totp or --backup-code.");
  }

  @Override
  public RegistrationResponseJSON register(
      PublicKeyCredentialCreationOptionsJSON options, String origin) throws WebAuthnClientException {
    throw new UnsupportedOperationException("This build of KeyDesk has no WebAuthn client yet.");
  }
}
