package io.keydesk.app;

import io.keydesk.hid.CancelToken;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.WebAuthnClient;
import io.keydesk.webauthn.WebAuthnClientException;

/** An {@link AccountKey} on a {@link WebAuthnClient}, its user prompts and its cancel token. */
public final class WebAuthnAccountKey implements AccountKey {
  private final WebAuthnClient client;
  private final UserInteraction ui;
  private final CancelToken cancel;

  public WebAuthnAccountKey(WebAuthnClient client, UserInteraction ui, CancelToken cancel) {
    this.client = client;
    this.ui = ui;
    this.cancel = cancel;
  }

  @Override
  public AuthenticationResponseJSON authenticate(
      PublicKeyCredentialRequestOptionsJSON options, String origin) throws WebAuthnClientException {
    return client.get(options, origin, ui, cancel);
  }

  @Override
  public RegistrationResponseJSON register(
      PublicKeyCredentialCreationOptionsJSON options, String origin) throws WebAuthnClientException {
    return client.create(options, origin, ui, cancel);
  }
}
