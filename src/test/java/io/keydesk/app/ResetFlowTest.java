package io.keydesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.ResetFlow.Step;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Info;
import io.keydesk.hid.DeviceDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The reset state machine with a fake clock, a scripted device list and a fake key. */
class ResetFlowTest {
  static final DeviceDescriptor KEY =
      new DeviceDescriptor(
          "/dev/hidraw3",
          DeviceDescriptor.Transport.USB,
          0x1050,
          0x0407,
          "Yubico",
          "YubiKey",
          Optional.of("123"),
          DeviceDescriptor.FIDO_USAGE_PAGE);
  static final DeviceDescriptor KEY_BACK =
      new DeviceDescriptor(
          "/dev/hidraw5",
          DeviceDescriptor.Transport.USB,
          0x1050,
          0x0407,
          "Yubico",
          "YubiKey",
          Optional.of("123"),
          DeviceDescriptor.FIDO_USAGE_PAGE);
  static final DeviceDescriptor OTHER_MODEL =
      new DeviceDescriptor(
          "/dev/hidraw6",
          DeviceDescriptor.Transport.USB,
          0x20a0,
          0x42b1,
          "Nitrokey",
          "Nitrokey 3",
          Optional.empty(),
          DeviceDescriptor.FIDO_USAGE_PAGE);
  static final Bytes OTHER_AAGUID = Bytes.fromHex("00112233445566778899aabbccddeeff");

  /** A clock the sleeper advances. */
  static final class FakeTime extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final FakeTime time = new FakeTime();
  final List<String> shown = new ArrayList<>();
  final FakeCtapDevice original = new FakeCtapDevice("original", InfoSummaryTest.keyWithPin());
  FakeCtapDevice reinserted = new FakeCtapDevice("reinserted", InfoSummaryTest.keyWithPin());

  /** What list() returns, as a function of the time elapsed in seconds. */
  Function<Long, List<DeviceDescriptor>> present = s -> List.of(KEY);

  boolean answer = true;
  Duration slowOpen = Duration.ZERO;

  ResetFlow flow() {
    ResetFlow.Devices devices =
        new ResetFlow.Devices() {
          @Override
          public List<DeviceDescriptor> list() {
            return present.apply(
                Duration.between(Instant.parse("2026-01-01T00:00:00Z"), time.now).toSeconds());
          }

          @Override
          public DeviceSession open(DeviceDescriptor device)
              throws io.keydesk.hid.TransportException, io.keydesk.ctap2.CtapException {
            time.now = time.now.plus(slowOpen);
            return DeviceSession.of(reinserted);
          }
        };
    ResetFlow.Interaction interaction =
        new ResetFlow.Interaction() {
          @Override
          public boolean confirm(String warning) {
            shown.add("confirm: " + warning);
            return answer;
          }

          @Override
          public void instruct(String message) {
            shown.add(message);
          }

          @Override
          public void promptTouch(String message) {
            shown.add(message);
          }
        };
    return new ResetFlow(
        devices,
        interaction,
        time,
        d -> time.now = time.now.plus(d),
        new ResetFlow.Timing(
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(500)));
  }

  @Test
  void fullGuidedFlowResetsTheSameKeyAfterReplug() throws Exception {
    present = s -> s < 3 ? List.of(KEY) : s < 6 ? List.of() : List.of(OTHER_MODEL, KEY_BACK);
    ResetFlow flow = flow();
    ResetFlow.Outcome outcome = flow.run(DeviceSession.of(original), KEY, true, true);
    assertThat(outcome).isEqualTo(new ResetFlow.Outcome(Step.DONE, ResetFlow.DONE));
    assertThat(flow.steps())
        .containsExactly(
            Step.CONFIRM, Step.REMOVE, Step.REINSERT, Step.SAME_KEY, Step.TOUCH, Step.DONE);
    assertThat(shown)
        .containsExactly(
            "confirm: " + ResetFlow.WARNING, ResetFlow.REMOVE, ResetFlow.INSERT, ResetFlow.TOUCH);
    assertThat(original.closed).isTrue();
    assertThat(original.commands).containsExactly(CtapCommand.GET_INFO);
    assertThat(reinserted.commands)
        .containsExactly(CtapCommand.GET_INFO, CtapCommand.RESET, CtapCommand.GET_INFO);
    assertThat(reinserted.closed).isTrue();
  }

  @Test
  void declinedConfirmationErasesNothing() throws Exception {
    answer = false;
    ResetFlow flow = flow();
    ResetFlow.Outcome outcome = flow.run(DeviceSession.of(original), KEY, true, true);
    assertThat(outcome.step()).isEqualTo(Step.CANCELLED);
    assertThat(outcome.message()).isEqualTo("Reset cancelled; nothing was erased.");
    assertThat(original.commands).containsExactly(CtapCommand.GET_INFO);
  }

  @Test
  void keyNeverRemovedTimesOut() throws Exception {
    ResetFlow flow = flow();
    ResetFlow.Outcome outcome = flow.run(DeviceSession.of(original), KEY, true, true);
    assertThat(outcome.step()).isEqualTo(Step.FAILED);
    assertThat(outcome.message())
        .isEqualTo(
            "The key was not removed within 30 seconds; nothing was erased. Run reset again and"
                + " remove the key when asked.");
    assertThat(time.now).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
  }

  @Test
  void keyNeverReinsertedTimesOut() throws Exception {
    present = s -> s < 1 ? List.of(KEY) : List.of(OTHER_MODEL);
    ResetFlow.Outcome outcome = flow().run(DeviceSession.of(original), KEY, true, true);
    assertThat(outcome.step()).isEqualTo(Step.FAILED);
    assertThat(outcome.message())
        .isEqualTo(
            "The key was not inserted again within 30 seconds; nothing was erased. Run reset"
                + " again.");
  }

  @Test
  void anotherKeyOfTheSameModelIsRefused() throws Exception {
    present = s -> s < 1 ? List.of(KEY) : s < 2 ? List.of() : List.of(KEY_BACK);
    reinserted =
        new FakeCtapDevice("impostor", Info.builder(List.of("FIDO_2_0"), OTHER_AAGUID).build());
    ResetFlow flow = flow();
    ResetFlow.Outcome outcome = flow.run(DeviceSession.of(original), KEY, true, true);
    assertThat(outcome.step()).isEqualTo(Step.FAILED);
    assertThat(outcome.message())
        .isEqualTo(
            "A different security key was inserted (AAGUID 00112233-4455-6677-8899-aabbccddeeff,"
                + " expected 83d56a1a-042a-45e2-ba46-4e6f5a3a1acd); nothing was erased. Insert"
                + " the key you want to reset and run reset again.");
    assertThat(reinserted.commands).containsExactly(CtapCommand.GET_INFO);
    assertThat(reinserted.closed).isTrue();
  }

  @Test
  void windowPassedBeforeTheResetIsNotEvenSent() throws Exception {
    present = s -> s < 1 ? List.of(KEY) : s < 2 ? List.of() : List.of(KEY_BACK);
    slowOpen = Duration.ofSeconds(11);
    ResetFlow.Outcome outcome = flow().run(DeviceSession.of(original), KEY, true, true);
    assertThat(outcome).isEqualTo(new ResetFlow.Outcome(Step.FAILED, ResetFlow.WINDOW_PASSED));
    assertThat(reinserted.commands).containsExactly(CtapCommand.GET_INFO);
  }

  @Test
  void keyRefusingOutsideItsWindowGetsTheActionableMessage() throws Exception {
    original.resetStatus = CtapStatus.NOT_ALLOWED;
    ResetFlow flow = flow();
    ResetFlow.Outcome outcome = flow.run(DeviceSession.of(original), KEY, false, false);
    assertThat(flow.steps()).containsExactly(Step.TOUCH, Step.FAILED);
    assertThat(outcome.message())
        .isEqualTo(
            "More than 10 seconds since the key was plugged in: remove and re-insert it, then run"
                + " reset again. Nothing was erased.");
  }

  @Test
  void scriptedResetWithoutReplugOrConfirmation() throws Exception {
    ResetFlow flow = flow();
    ResetFlow.Outcome outcome = flow.run(DeviceSession.of(original), KEY, false, false);
    assertThat(outcome.succeeded()).isTrue();
    assertThat(flow.steps()).containsExactly(Step.TOUCH, Step.DONE);
    assertThat(shown).containsExactly(ResetFlow.TOUCH);
  }

  @Test
  void untouchedKeyTimesOutWithoutErasing() throws Exception {
    original.resetStatus = CtapStatus.USER_ACTION_TIMEOUT;
    ResetFlow.Outcome outcome = flow().run(DeviceSession.of(original), KEY, false, false);
    assertThat(outcome.message())
        .isEqualTo(
            "Nobody touched the key in time, so nothing was erased. Run reset again and touch the"
                + " key when asked.");
  }

  @Test
  void sameHardwareRules() {
    assertThat(ResetFlow.sameHardware(KEY, KEY_BACK)).isTrue();
    assertThat(ResetFlow.sameHardware(KEY, OTHER_MODEL)).isFalse();
    DeviceDescriptor otherSerial =
        new DeviceDescriptor(
            "/dev/hidraw7",
            DeviceDescriptor.Transport.USB,
            0x1050,
            0x0407,
            "Yubico",
            "YubiKey",
            Optional.of("999"),
            DeviceDescriptor.FIDO_USAGE_PAGE);
    assertThat(ResetFlow.sameHardware(KEY, otherSerial)).isFalse();
  }
}
