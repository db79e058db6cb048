package io.keydesk.gui.prompt;

import java.util.Arrays;
import java.util.Optional;

/** What the PIN dialog returns; the caller zeroes it ({@link #clear()}) after use. */
public record PinEntry(Optional<char[]> current, Optional<char[]> newPin) {
  public void clear() {
    current.ifPresent(p -> Arrays.fill(p, '\0'));
    newPin.ifPresent(p -> Arrays.fill(p, '\0'));
  }
}
