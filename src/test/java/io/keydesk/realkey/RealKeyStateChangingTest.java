package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.UserVerificationRequirement;
import io.keydesk.app.DeviceSession;
import io.keydesk.app.ResetFlow;
import io.keydesk.cli.CliDevices;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.testing.YubicoRelyingParty;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * State-changing checks, in order: set a PIN, change it, make and use a discoverable credential,
 * then reset the key so it ends as it started (no PIN, no credentials). They run only as {@link
 * RealKeyPolicy#stateChangingSkipReason} allows: on a key without a PIN, with {@value
 * RealKeyPolicy#DESTRUCTIVE_PROPERTY}=true. The reset runs even when an earlier step failed.
 */
@RealKeyTest(stateChanging = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealKeyStateChangingTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Throwaway test PINs, never printed; the reset at the end erases them. */
  private String pin;

  private String nextPin;

  private static String randomPin(int length) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < length; i++) {
      digits.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return digits.toString();
  }

  @Test
  @Order(1)
  void setPin(RealKey key) throws Exception {
    try (DeviceSession session = key.open()) {
      assertThat(session.info().isPinSet()).contains(false);
      int length = Math.max(8, session.info().minPinLengthOrDefault());
      String candidate = randomPin(length);
      nextPin = randomPin(length);
      RealKey.say(
          "Setting a test PIN on "
              + key.device()
              + "; the last test resets the key (if it cannot, run 'keydesk --device "
              + key.device()
              + " reset').");
      session.clientPin().setPin(candidate.toCharArray());
      pin = candidate;

      assertThat(session.refreshInfo().isPinSet()).contains(true);
      ClientPin clientPin = session.clientPin();
      int retries = clientPin.getPinRetries().retries();
      assertThat(retries).isPositive();
      assertThat(clientPin.getPinToken(pin.toCharArray()).token()).isNotEmpty();
    }
  }

  @Test
  @Order(2)
  void changePin(RealKey key) throws Exception {
    try (DeviceSession session = key.open()) {
      ClientPin clientPin = session.clientPin();
      int retries = clientPin.getPinRetries().retries();
      clientPin.changePin(pin.toCharArray(), nextPin.toCharArray());
      String old = pin;
      pin = nextPin;

      assertThatThrownBy(() -> clientPin.getPinToken(old.toCharArray()))
          .as("the old PIN no longer works")
          .isInstanceOfSatisfying(
              CtapException.class, e -> assertThat(e.status()).isEqualTo(CtapStatus.PIN_INVALID));
      assertThat(clientPin.getPinRetries().retries()).isEqualTo(retries - 1);
      assertThat(clientPin.getPinToken(pin.toCharArray()).token()).isNotEmpty();
      assertThat(clientPin.getPinRetries().retries())
          .as("a correct PIN restores the retry counter")
          .isEqualTo(retries);
    }
  }

  @Test
  @Order(3)
  void discoverableCredentialSignsInWithoutAUsername(RealKey key) throws Exception {
    try (DeviceSession session = key.open()) {
      RealKeyRelyingParty rp = new RealKeyRelyingParty();
      RegistrationResult registration =
          rp.register(
              session.device(),
              RealKey.person("store a discoverable test credential", Optional.of(pin)),
              true,
              UserVerificationRequirement.REQUIRED);
      assertThat(registration.isUserVerified()).isTrue();

      AssertionResult assertion =
          rp.authenticate(
              session.device(),
              RealKey.person("sign in with the discoverable credential", Optional.of(pin)),
              true,
              UserVerificationRequirement.REQUIRED);
      assertThat(assertion.isSuccess()).isTrue();
      assertThat(assertion.isUserVerified()).isTrue();
      assertThat(assertion.getUsername()).isEqualTo(YubicoRelyingParty.USERNAME);
      assertThat(assertion.getCredential().getCredentialId())
          .isEqualTo(registration.getKeyId().getId());
    }
  }

  /** Runs even when an earlier step failed: it puts the key back as it was (no PIN). */
  @Test
  @Order(4)
  void resetErasesThePinAndTheCredentials(RealKey key) throws Exception {
    ResetFlow.Outcome outcome = reset(key, false);
    if (outcome.message().equals(ResetFlow.WINDOW_PASSED)) {
      RealKey.say(
          CliDevices.isSimulator(key.device())
              ? "The simulator was powered up more than 10 s ago: type 'unplug', then 'plug', in"
                  + " its console."
              : "The key accepts a reset only within 10 s of being plugged in:");
      outcome = reset(key, true);
    }
    assertThat(outcome.step()).as(outcome.message()).isEqualTo(ResetFlow.Step.DONE);

    try (DeviceSession session = key.open()) {
      assertThat(session.info().isPinSet()).as("clientPin after the reset").contains(false);
      RealKey.assertNoCredentials(
          session,
          List.of(),
          "finish the check that no credential is left",
          "no discoverable credential is left for " + YubicoRelyingParty.RP_ID);
    }
  }

  private static ResetFlow.Outcome reset(RealKey key, boolean replug) throws Exception {
    CliDevices.Located located = CliDevices.locate(key.device(), RealKey.TOUCH_TIMEOUT);
    ResetFlow flow =
        new ResetFlow(
            located.devices(),
            ResetFlow.Interaction.confirmedAlready(
                RealKey::say, message -> RealKey.say(message + " (waiting up to 60 s)")),
            Clock.systemUTC(),
            ResetFlow.Sleeper.SYSTEM,
            ResetFlow.Timing.DEFAULT);
    DeviceSession session = located.devices().open(located.descriptor());
    try {
      return flow.run(session, located.descriptor(), false, replug);
    } finally {
      session.close();
    }
  }
}
