package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.gui.prompt.PinRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinRequestTest {
  private static PinRequest set(int min) {
    return new PinRequest(PinRequest.Mode.SET, "Key", min, Optional.empty(), Optional.empty());
  }

  @Test
  void newPinFollowsTheKeysMinimumLengthInCharacters() {
    assertThat(set(6).validate("", "12345", "12345"))
        .contains("The new PIN needs at least 6 characters.");
    assertThat(set(4).validate("", "ääää", "ääää")).isEmpty();
    assertThat(set(4).validate("", "1234", "1235"))
        .contains("The two new PINs differ; type the same PIN twice.");
  }

  @Test
  void retriesAreShownOnlyAtThreeOrFewer() {
    PinRequest enter =
        new PinRequest(PinRequest.Mode.ENTER, "Key", 4, Optional.of(4), Optional.empty());
    assertThat(enter.retriesLine()).isEmpty();
    PinRequest low =
        new PinRequest(PinRequest.Mode.ENTER, "Key", 4, Optional.of(3), Optional.empty());
    assertThat(low.retriesLine().orElseThrow()).startsWith("3 tries left before the PIN is blocked");
  }

  @Test
  void blocksAreExplainedAndABlockedPinCannotBeEntered() {
    PinRequest request =
        new PinRequest(PinRequest.Mode.ENTER, "Key", 4, Optional.empty(), Optional.empty());
    PinRequest authBlocked =
        request.withProblem(PinRequest.Problem.PIN_AUTH_BLOCKED, Optional.empty());
    assertThat(authBlocked.explanation().orElseThrow())
        .contains("remove the key, insert it again");
    assertThat(authBlocked.canEnter()).isTrue();
    PinRequest blocked = request.withProblem(PinRequest.Problem.PIN_BLOCKED, Optional.of(0));
    assertThat(blocked.explanation().orElseThrow()).contains("Only a reset");
    assertThat(blocked.canEnter()).isFalse();
  }
}
