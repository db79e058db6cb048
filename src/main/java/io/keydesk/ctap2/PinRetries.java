package io.keydesk.ctap2;

import java.util.Optional;

/**
 * The getPINRetries answer (CTAP 2.1 section 6.5.5.2).
 *
 * @param retries PIN tries left before the PIN is blocked
 * @param powerCycleState true when the key must be re-inserted before the next PIN attempt (absent
 *     on CTAP 2.0 keys)
 */
public record PinRetries(int retries, Optional<Boolean> powerCycleState) {
  public PinRetries {
    if (retries < 0) {
      throw new IllegalArgumentException("retries cannot be negative");
    }
    if (powerCycleState == null) {
      throw new IllegalArgumentException("powerCycleState is Optional, not null");
    }
  }

  /** Whether the key said it must be removed and re-inserted before the next PIN attempt. */
  public boolean needsReinsertion() {
    return powerCycleState.orElse(false);
  }
}
