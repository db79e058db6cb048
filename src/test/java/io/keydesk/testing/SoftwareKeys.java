package io.keydesk.testing;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.CommandHandler;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.TransportException;
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

  /** The host side of {@code key} over CTAPHID. */
  public static CtapHidDevice open(SoftwareAuthenticator key) throws TransportException {
    return CtapHidDevice.open(key.connect(), Duration.ofSeconds(30));
  }
}
