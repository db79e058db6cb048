package io.keydesk.testing;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.CommandHandler;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.authenticator.ctap.Ctap2Config;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/** Software authenticators for tests that need a key: fresh state, every touch approved. */
public final class SoftwareKeys {
  private SoftwareKeys() {}

  /** A key with a freshly generated state that answers with {@code handler}. */
  public static SoftwareAuthenticator approving(
      Function<SoftwareAuthenticator.Setup, CommandHandler> handler) {
    return SoftwareAuthenticator.builder()
        .state(AuthenticatorState.generate())
        .userPresence(UserPresence.approve())
        .handler(handler)
        .build();
  }

  /**
   * A key on {@code clock}: its reset window and token lifetimes run on it, so a test on a busy
   * machine decides how much time passes. Every touch is approved.
   */
  public static SoftwareAuthenticator onClock(Clock clock) {
    return SoftwareAuthenticator.builder()
        .handler(
            setup ->
                new Ctap2CommandHandler(
                    setup, Ctap2Config.defaults(setup.state().aaguid()).withClock(clock)))
        .build();
  }

  /** The host side of {@code key} over CTAPHID. */
  public static CtapHidDevice open(SoftwareAuthenticator key) throws TransportException {
    return CtapHidDevice.open(key.connect(), Duration.ofSeconds(30));
  }
}
