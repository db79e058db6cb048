package io.keydesk.ctap2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinTest {
  private static final String GRINNING = "\uD83D\uDE00"; // one code point, 4 UTF-8 bytes

  @Test
  void threeCodePointsAreTooShortAndFourAreEnough() throws Exception {
    assertThatThrownBy(() -> PinRules.DEFAULT.checkNewPin(Pin.toUtf8("123".toCharArray())))
        .isInstanceOf(PinException.class)
        .hasMessage(
            "The new PIN is too short: it has 3 characters and this key needs at least 4"
                + " characters and at most 63 bytes (digits and Latin letters take 1 byte each,"
                + " most other characters 2 to 4). Choose a longer PIN.")
        .extracting(e -> ((PinException) e).status())
        .isEqualTo(CtapStatus.PIN_POLICY_VIOLATION);
    PinRules.DEFAULT.checkNewPin(Pin.toUtf8("1234".toCharArray()));
  }

  @Test
  void anEmojiCountsAsOneCodePoint() throws Exception {
    byte[] three = Pin.toUtf8((GRINNING.repeat(3)).toCharArray());
    assertThat(three).hasSize(12);
    assertThat(Pin.codePointCount(three)).isEqualTo(3);
    assertThatThrownBy(() -> PinRules.DEFAULT.checkNewPin(three))
        .hasMessageStartingWith("The new PIN is too short: it has 3 characters");
    PinRules.DEFAULT.checkNewPin(Pin.toUtf8(GRINNING.repeat(4).toCharArray()));
  }

  @Test
  void sixtyThreeUtf8BytesFitAndSixtyFourDoNot() throws Exception {
    PinRules.DEFAULT.checkNewPin(Pin.toUtf8("a".repeat(63).toCharArray()));
    assertThatThrownBy(() -> PinRules.DEFAULT.checkNewPin(Pin.toUtf8("a".repeat(64).toCharArray())))
        .hasMessageStartingWith(
            "The new PIN is too long: it takes 64 bytes and keys accept at" + " most 63");
    // 32 x U+00E9 is only 32 characters but 64 bytes
    assertThatThrownBy(
            () -> PinRules.DEFAULT.checkNewPin(Pin.toUtf8("\u00e9".repeat(32).toCharArray())))
        .hasMessageStartingWith("The new PIN is too long: it takes 64 bytes");
    // 15 emoji + 3 ASCII = 63 bytes
    PinRules.DEFAULT.checkNewPin(Pin.toUtf8((GRINNING.repeat(15) + "abc").toCharArray()));
  }

  @Test
  void theKeysMinimumApplies() throws Exception {
    PinRules six = PinRules.of(Optional.of(6L));
    assertThatThrownBy(() -> six.checkNewPin(Pin.toUtf8("12345".toCharArray())))
        .hasMessageContaining("it has 5 characters and this key needs at least 6 characters");
    six.checkNewPin(Pin.toUtf8("123456".toCharArray()));
    assertThat(PinRules.of(Optional.empty())).isEqualTo(PinRules.DEFAULT);
    assertThatThrownBy(() -> new PinRules(3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void currentPinChecksSaveRetries() throws Exception {
    assertThatThrownBy(() -> PinRules.checkCurrentPin(Pin.toUtf8("123".toCharArray())))
        .hasMessageContaining("no try was used");
    assertThatThrownBy(() -> PinRules.checkCurrentPin(Pin.toUtf8("1".repeat(64).toCharArray())))
        .hasMessageContaining("no try was used");
    // shorter than a key's current minimum of 8 but still a possible old PIN
    PinRules.checkCurrentPin(Pin.toUtf8("1234".toCharArray()));
  }

  @Test
  void pinsAreNormalisedToNfc() throws Exception {
    byte[] decomposed = Pin.toUtf8("caf\u0065\u0301".toCharArray());
    byte[] composed = Pin.toUtf8("caf\u00e9".toCharArray());
    assertThat(decomposed).isEqualTo(composed).hasSize(5);
    assertThat(Pin.codePointCount(decomposed)).isEqualTo(4);
  }

  @Test
  void loneSurrogatesAndNulAreRefusedWithoutEchoingThePin() {
    for (String bad : new String[] {"12\uD83D34", "12\u000034"}) {
      assertThatThrownBy(() -> Pin.toUtf8(bad.toCharArray()))
          .isInstanceOf(PinException.class)
          .hasMessage(
              "The PIN contains a character that cannot be sent to a security key. Type it again"
                  + " without control characters.");
    }
  }

  @Test
  void toUtf8LeavesTheCharArrayForTheCallerToZero() throws Exception {
    char[] pin = "1234".toCharArray();
    Pin.toUtf8(pin);
    assertThat(pin).containsExactly('1', '2', '3', '4');
  }

  @Test
  void paddingHashingAndUnpadding() {
    byte[] pin = "1234".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] padded = Pin.pad(pin);
    assertThat(Bytes.of(padded)).isEqualTo(Bytes.fromHex("31323334" + "00".repeat(60)));
    assertThat(Pin.unpad(padded)).hasValueSatisfying(p -> assertThat(p).isEqualTo(pin));
    assertThat(Pin.unpad(new byte[63])).isEmpty();
    byte[] full = new byte[64];
    java.util.Arrays.fill(full, (byte) '1');
    assertThat(Pin.unpad(full)).isEmpty();
    // LEFT(SHA-256("1234"), 16), as in python-fido2's tests
    assertThat(Bytes.of(Pin.hash(pin)))
        .isEqualTo(Bytes.fromHex("03ac674216f3e15c761ee1a5e255f067"));
  }
}
