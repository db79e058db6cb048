package io.keydesk.cli;

import io.keydesk.app.AccountKey;
import io.keydesk.app.WebAuthnAccountKey;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.TransportException;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import io.keydesk.webauthn.WebAuthnClient;
import io.keydesk.webauthn.WebAuthnClientException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The security key chosen by --device (or the only one, or the one the user touches when several
 * are present), opened when the server first asks for
 * it (so a login by TOTP never touches a device), closed with the command.
 */
final class DeviceAccountKey implements AccountKey, AutoCloseable {
  private final KeyDeskCommand root;
  private final TerminalPrompts prompts;
  private final CancelToken cancel = new CancelToken();
  private CtapHidDevice device;
  private AccountKey key;

  DeviceAccountKey(KeyDeskCommand root, TerminalPrompts prompts) {
    this.root = root;
    this.prompts = prompts;
  }

  @Override
  public AuthenticationResponseJSON authenticate(
      PublicKeyCredentialRequestOptionsJSON options, String origin) throws WebAuthnClientException {
    prompts.say("Using your security key to log in.");
    return open().authenticate(options, origin);
  }

  @Override
  public RegistrationResponseJSON register(
      PublicKeyCredentialCreationOptionsJSON options, String origin) throws WebAuthnClientException {
    prompts.say("Registering your security key.");
    return open().register(options, origin);
  }

  private AccountKey open() throws WebAuthnClientException {
    if (key == null) {
      try {
        device =
            DeviceChoice.openOrSelect(
                Optional.ofNullable(root.device),
                WebAuthnCommand.DEVICE_TIMEOUT,
                prompts.err(),
                cancel);
      } catch (TransportException e) {
        throw new CommandFailure(e.getMessage(), e);
      } catch (UsageException e) {
        throw new CommandFailure(e.getMessage() + " Choose one with --device.", e);
      }
      key = new WebAuthnAccountKey(new WebAuthnClient(device), prompts.interaction(), cancel);
    }
    return key;
  }

  @Override
  public void close() {
    cancel.cancel();
    if (device != null) {
      device.close();
    }
  }
}
