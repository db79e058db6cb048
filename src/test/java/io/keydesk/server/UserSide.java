package io.keydesk.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.authenticator.u2f.U2fHandler;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.PinRules;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.webauthn.PinRequest;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.UvRequest;
import io.keydesk.webauthn.WebAuthnClient;
import io.keydesk.webauthn.WebAuthnClientException;
import io.keydesk.webauthn.WebAuthnJson;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The user's side of a ceremony: KeyDesk's WebAuthn client talking CTAPHID to an in-process
 * software authenticator (CTAP2 or U2F-only), always approving presence and answering PIN
 * requests with {@link #PIN}. Options and responses are the RP's JSON trees, as sent on the wire.
 */
final class UserSide implements AutoCloseable, UserInteraction {
  static final String PIN = "271828";

  final SoftwareAuthenticator authenticator;
  final CtapHidDevice device;
  final WebAuthnClient client;
  final AtomicInteger pinRequests = new AtomicInteger();
  final AtomicInteger touches = new AtomicInteger();

  private UserSide(SoftwareAuthenticator authenticator) {
    this.authenticator = authenticator;
    try {
      this.device = CtapHidDevice.open(authenticator.connect(), Duration.ofSeconds(30));
    } catch (Exception e) {
      authenticator.close();
      throw new IllegalStateException("cannot open the software authenticator", e);
    }
    this.client = new WebAuthnClient(device);
  }

  /** A CTAP2 key with a fresh identity. */
  static UserSide ctap2() {
    return ctap2(AuthenticatorState.generate());
  }

  /**
   * A CTAP2 key with the given identity. Two keys built from the same state share the device
   * secret that wraps non-discoverable credential IDs: a clone (each has its own counter).
   */
  static UserSide ctap2(AuthenticatorState state) {
    return new UserSide(
        SoftwareAuthenticator.builder()
            .state(state)
            .userPresence(UserPresence.approve())
            .handler(Ctap2CommandHandler::new)
            .build());
  }

  /** A U2F-only key (no CTAPHID_CBOR): the client falls back to CTAP1 and fido-u2f. */
  static UserSide u2f() {
    return new UserSide(
        SoftwareAuthenticator.builder()
            .state(AuthenticatorState.generate())
            .userPresence(UserPresence.approve())
            .handler(U2fHandler::new)
            .build());
  }

  /** Sets {@link #PIN} on the key (clientPin becomes true). */
  UserSide withPin() {
    try {
      Ctap2 ctap = new Ctap2(device);
      ClientPin.create(ctap.channel(), ctap.getInfo().pinUvAuthProtocols(), PinRules.DEFAULT)
          .setPin(PIN.toCharArray());
      return this;
    } catch (Exception e) {
      throw new IllegalStateException("cannot set the PIN", e);
    }
  }

  /** navigator.credentials.create() with the RP's publicKey options; the response as JSON. */
  ObjectNode create(JsonNode publicKey, String origin) throws WebAuthnClientException {
    PublicKeyCredentialCreationOptionsJSON options =
        WebAuthnJson.read(publicKey.toString(), PublicKeyCredentialCreationOptionsJSON.class);
    return tree(client.create(options, origin, this, CancelToken.none()));
  }

  /** navigator.credentials.get() with the RP's publicKey options; the response as JSON. */
  ObjectNode get(JsonNode publicKey, String origin) throws WebAuthnClientException {
    PublicKeyCredentialRequestOptionsJSON options =
        WebAuthnJson.read(publicKey.toString(), PublicKeyCredentialRequestOptionsJSON.class);
    return tree(client.get(options, origin, this, CancelToken.none()));
  }

  private static ObjectNode tree(Object response) {
    try {
      return (ObjectNode) WebAuthnJson.mapper().readTree(WebAuthnJson.write(response));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void promptTouch() {
    touches.incrementAndGet();
  }

  @Override
  public Optional<char[]> requestPin(PinRequest request) {
    pinRequests.incrementAndGet();
    return Optional.of(PIN.toCharArray());
  }

  @Override
  public boolean requestUv(UvRequest request) {
    return false;
  }

  @Override
  public void close() {
    device.close();
    authenticator.close();
  }
}
