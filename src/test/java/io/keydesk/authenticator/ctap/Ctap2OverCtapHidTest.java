package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialPublicKey;
import static io.keydesk.authenticator.ctap.TestAuthenticator.rk;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.StateFile;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinRules;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CancelledException;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack: host {@link Ctap2} and {@link ClientPin} over the host {@link CtapHidDevice},
 * the device-side CTAPHID responder of {@link SoftwareAuthenticator}, and {@link
 * Ctap2CommandHandler}, with the state kept in a {@link StateFile} across a restart.
 */
class Ctap2OverCtapHidTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private static SoftwareAuthenticator start(StateFile file) throws Exception {
    return SoftwareAuthenticator.builder()
        .state(file.loadOrCreate(AuthenticatorState::generate))
        .stateFile(file)
        .handler(Ctap2CommandHandler::new)
        .build();
  }

  @Test
  void registerWithPinRestartAndSignIn() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.cbor"));
    MakeCredentialResponse made;
    try (SoftwareAuthenticator authenticator = start(file);
        CtapHidDevice device = CtapHidDevice.open(authenticator.connect(), TIMEOUT)) {
      Ctap2 ctap2 = new Ctap2(device);
      Info info = ctap2.getInfo();
      assertThat(info.aaguid()).isEqualTo(AuthenticatorState.KEYDESK_AAGUID);
      assertThat(info.versions()).containsExactly("FIDO_2_0", "FIDO_2_1");
      ClientPin pin =
          ClientPin.create(ctap2.channel(), info.pinUvAuthProtocols(), PinRules.DEFAULT);
      pin.setPin("123456".toCharArray());
      List<KeepaliveStatus> keepalives = new CopyOnWriteArrayList<>();
      try (PinUvAuthToken token =
          pin.getPinUvAuthTokenUsingPinWithPermissions(
              "123456".toCharArray(),
              EnumSet.of(Permission.MAKE_CREDENTIAL),
              Optional.of("example.com"))) {
        made =
            ctap2.makeCredential(
                rk("example.com", user("alice"))
                    .pinUvAuth(Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray())), 2)
                    .build(),
                CancelToken.none(),
                keepalives::add);
      }
      assertThat(made.fmt()).isEqualTo("packed");
    }

    try (SoftwareAuthenticator authenticator = start(file);
        CtapHidDevice device = CtapHidDevice.open(authenticator.connect(), TIMEOUT)) {
      Ctap2 ctap2 = new Ctap2(device);
      assertThat(ctap2.getInfo().isPinSet()).contains(true);
      GetAssertionResponse assertion =
          ctap2.getAssertion(
              GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH).build(),
              CancelToken.none(),
              KeepaliveListener.NONE);
      assertThat(assertion.user().get().id()).isEqualTo(user("alice").id());
      assertThat(
              CoseVerifier.verify(
                  credentialPublicKey(made.authData()),
                  Bytes.concat(assertion.authData(), CLIENT_DATA_HASH),
                  assertion.signature()))
          .isTrue();
    }
  }

  @Test
  void presenceIsAskedWithKeepalivesAndCancelEndsTheRequest() throws Exception {
    CompletableFuture<Boolean> touch = new CompletableFuture<>();
    try (SoftwareAuthenticator authenticator =
            SoftwareAuthenticator.builder()
                .userPresence(request -> touch)
                .handler(Ctap2CommandHandler::new)
                .build();
        CtapHidDevice device = CtapHidDevice.open(authenticator.connect(), TIMEOUT)) {
      Ctap2 ctap2 = new Ctap2(device);
      CancelToken cancel = new CancelToken();
      List<KeepaliveStatus> keepalives = new CopyOnWriteArrayList<>();
      KeepaliveListener listener =
          status -> {
            keepalives.add(status);
            if (status == KeepaliveStatus.UP_NEEDED) {
              cancel.cancel();
            }
          };
      assertThatThrownBy(
              () ->
                  ctap2.makeCredential(rk("example.com", user("alice")).build(), cancel, listener))
          .isInstanceOf(CancelledException.class);
      assertThat(keepalives).contains(KeepaliveStatus.UP_NEEDED);
      // The device drops the touch request as it handles the CANCEL, possibly after the host's
      // grace period on a slow machine: wait for it (failure-only deadline) rather than race it.
      touch.handle((value, error) -> null).get(10, TimeUnit.SECONDS);
      assertThat(touch).isCancelled();
    }
  }
}
