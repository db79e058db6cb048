package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.Info;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ordinary suite: the rule that keeps the real-key tier from modifying a key it must not. */
class RealKeyPolicyTest {
  private static final Bytes AAGUID = Bytes.of(new byte[16]);
  private static final String DEVICE = "/dev/hidraw3";

  private static Info key(Optional<Boolean> clientPin) {
    Info.Builder builder = Info.builder(java.util.List.of(Info.FIDO_2_1), AAGUID);
    clientPin.ifPresent(set -> builder.options(Map.of(Info.OPTION_CLIENT_PIN, set)));
    return builder.build();
  }

  private static RealKeyPolicy.Settings settings(String device, String destructive) {
    Map<String, String> values = new java.util.HashMap<>();
    if (device != null) {
      values.put(RealKeyPolicy.DEVICE_PROPERTY, device);
    }
    if (destructive != null) {
      values.put(RealKeyPolicy.DESTRUCTIVE_PROPERTY, destructive);
    }
    return RealKeyPolicy.Settings.from(name -> Optional.ofNullable(values.get(name)));
  }

  @Test
  void withoutADeviceNothingRunsAndTheReasonGivesTheCommand() {
    for (RealKeyPolicy.Settings none :
        new RealKeyPolicy.Settings[] {settings(null, "true"), settings("  ", "true")}) {
      assertThat(none.device()).isEmpty();
      assertThat(RealKeyPolicy.skipReason(none))
          .hasValueSatisfying(
              reason ->
                  assertThat(reason)
                      .startsWith(
                          "real-key tests need a security key and run only with: mvn verify"
                              + " -Preal-key -Dkeydesk.realKey=DEVICE"));
      assertThat(RealKeyPolicy.stateChangingSkipReason(none, key(Optional.of(false))))
          .isEqualTo(RealKeyPolicy.skipReason(none));
    }
  }

  @Test
  void readOnlyChecksRunWhenADeviceIsNamed() {
    RealKeyPolicy.Settings settings = settings(" " + DEVICE + " ", null);
    assertThat(settings.device()).contains(DEVICE);
    assertThat(settings.destructive()).isFalse();
    assertThat(RealKeyPolicy.skipReason(settings)).isEmpty();
  }

  @Test
  void stateChangingChecksRunOnlyOnAKeyWithoutAPinAndWithTheFlag() {
    assertThat(
            RealKeyPolicy.stateChangingSkipReason(
                settings(DEVICE, "true"), key(Optional.of(false))))
        .isEmpty();
    assertThat(
            RealKeyPolicy.stateChangingSkipReason(
                settings(DEVICE, "TRUE"), key(Optional.of(false))))
        .isEmpty();
  }

  @Test
  void withoutTheFlagTheReasonSaysHowToEnableThem() {
    for (String flag : new String[] {null, "false", "yes", "1", ""}) {
      assertThat(settings(DEVICE, flag).destructive()).as(String.valueOf(flag)).isFalse();
      assertThat(
              RealKeyPolicy.stateChangingSkipReason(
                  settings(DEVICE, flag), key(Optional.of(false))))
          .contains(
              "state-changing real-key tests (set PIN, change PIN, discoverable credential, reset)"
                  + " skipped: they modify the key at /dev/hidraw3 and end with a reset that erases"
                  + " every credential on it. To run them on this key (it has no PIN), add"
                  + " -Dkeydesk.realKey.destructive=true");
    }
  }

  @Test
  void aKeyWithAPinIsNeverModifiedWhateverTheFlagSays() {
    String expected =
        "state-changing real-key tests (set PIN, change PIN, discoverable credential, reset)"
            + " skipped: the key at /dev/hidraw3 has a PIN (getInfo option clientPin=true), and"
            + " KeyDesk never modifies a key that has a PIN, whatever -Dkeydesk.realKey.destructive"
            + " says. To run them, use a key without a PIN, or erase this one first with 'keydesk"
            + " --device /dev/hidraw3 reset' (deletes every credential and the PIN), then add"
            + " -Dkeydesk.realKey.destructive=true";
    assertThat(
            RealKeyPolicy.stateChangingSkipReason(settings(DEVICE, "true"), key(Optional.of(true))))
        .contains(expected);
    assertThat(
            RealKeyPolicy.stateChangingSkipReason(settings(DEVICE, null), key(Optional.of(true))))
        .contains(expected);
  }

  @Test
  void aKeyWithoutPinSupportIsLeftAlone() {
    assertThat(
            RealKeyPolicy.stateChangingSkipReason(settings(DEVICE, "true"), key(Optional.empty())))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("does not support a PIN (its getInfo has no clientPin option)"));
  }
}
