package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.app.DeviceSession;
import io.keydesk.cbor.Bytes;
import io.keydesk.cli.CliDevices;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import io.keydesk.hid.TransportException;
import io.keydesk.testing.YubicoRelyingParty;
import io.keydesk.webauthn.PinRequest;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.UvRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The key the real-key tier tests: opened the way {@code keydesk --device} opens it, with a 60 s
 * budget per call for the checks that wait for a touch, and the console lines that tell the person
 * at the key what to do. Tests print (to stderr; the real-key profile shows test output on the
 * console).
 */
final class RealKey {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final Duration TOUCH_TIMEOUT = Duration.ofSeconds(60);
  static final String TOUCH_LINE = "Touch your security key now (waiting up to 60 s) to ";

  private final RealKeyPolicy.Settings settings;

  RealKey(RealKeyPolicy.Settings settings) {
    this.settings = settings;
  }

  /** The device as given with {@value RealKeyPolicy#DEVICE_PROPERTY}. */
  String device() {
    return settings.device().orElseThrow();
  }

  /** Opens the key: CTAPHID INIT, then getInfo (requests limited to its maxMsgSize). */
  DeviceSession open() throws Exception {
    return DeviceSession.of(openHid());
  }

  /** Opens the key at the CTAPHID level only. */
  CtapHidDevice openHid() throws TransportException {
    return CliDevices.open(device(), TOUCH_TIMEOUT);
  }

  /** One line for the person at the key. */
  static void say(String line) {
    System.err.println("[real-key] " + line);
    System.err.flush();
  }

  /** Prints the touch line the first time the key asks for a touch (KEEPALIVE UP_NEEDED). */
  static KeepaliveListener touchPrompt(String purpose) {
    AtomicBoolean asked = new AtomicBoolean();
    return status -> {
      if (status == KeepaliveStatus.UP_NEEDED && asked.compareAndSet(false, true)) {
        say(TOUCH_LINE + purpose + ".");
      }
    };
  }

  /**
   * The person at the key for the WebAuthn client: touch prompts on the console and, when {@code
   * pin} is given, that PIN (a copy, which the client zeroes); otherwise no PIN is ever entered.
   */
  static UserInteraction person(String purpose, Optional<String> pin) {
    return new UserInteraction() {
      @Override
      public void promptTouch() {
        say(TOUCH_LINE + purpose + ".");
      }

      @Override
      public Optional<char[]> requestPin(PinRequest request) {
        if (pin.isEmpty()) {
          say("The key asks for its PIN to " + purpose + "; the real-key tier never enters one.");
        }
        return pin.map(String::toCharArray);
      }

      @Override
      public boolean requestUv(UvRequest request) {
        return false;
      }
    };
  }

  /**
   * Asserts that a getAssertion for {@link YubicoRelyingParty#RP_ID} without a touch, with {@code
   * allowList} (empty: discoverable credentials), answers CTAP2_ERR_NO_CREDENTIALS.
   */
  static void assertNoCredentials(
      DeviceSession session,
      List<PublicKeyCredentialDescriptor> allowList,
      String purpose,
      String what) {
    byte[] clientDataHash = new byte[32];
    RANDOM.nextBytes(clientDataHash);
    GetAssertionRequest request =
        GetAssertionRequest.builder(YubicoRelyingParty.RP_ID, Bytes.of(clientDataHash))
            .allowList(allowList)
            .options(RequestOptions.none().withUp(false))
            .build();
    assertThatThrownBy(
            () -> session.ctap2().getAssertion(request, CancelToken.none(), touchPrompt(purpose)))
        .as(what)
        .isInstanceOfSatisfying(
            CtapException.class, e -> assertThat(e.status()).isEqualTo(CtapStatus.NO_CREDENTIALS));
  }
}
