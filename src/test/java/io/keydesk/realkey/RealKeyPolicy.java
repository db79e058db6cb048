package io.keydesk.realkey;

import io.keydesk.ctap2.Info;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the real-key tier may do to the key it is pointed at (docs: DESIGN "Real-key tests are
 * opt-in and destructive-safe"). Read-only checks run whenever a device is named with {@value
 * #DEVICE_PROPERTY}. State-changing checks (set PIN, change PIN, discoverable credential, reset)
 * run only when the key has no PIN (getInfo option clientPin is false) AND {@value
 * #DESTRUCTIVE_PROPERTY}=true was given; a key with a PIN is never modified.
 */
final class RealKeyPolicy {
  static final String DEVICE_PROPERTY = "keydesk.realKey";
  static final String DESTRUCTIVE_PROPERTY = "keydesk.realKey.destructive";
  static final String COMMAND = "mvn verify -Preal-key -D" + DEVICE_PROPERTY + "=DEVICE";
  static final String STATE_CHANGING = "set PIN, change PIN, discoverable credential, reset";

  private RealKeyPolicy() {}

  /**
   * The tier's settings: the device as {@code keydesk --device} accepts it (blank counts as absent)
   * and whether state-changing checks were asked for (only the exact word true).
   */
  record Settings(Optional<String> device, boolean destructive) {
    Settings {
      device = device.map(String::trim).filter(d -> !d.isEmpty());
    }

    /** Reads the settings through {@code lookup} (JUnit configuration, then system properties). */
    static Settings from(Function<String, Optional<String>> lookup) {
      return new Settings(
          lookup.apply(DEVICE_PROPERTY),
          lookup
              .apply(DESTRUCTIVE_PROPERTY)
              .map(v -> v.trim().equalsIgnoreCase("true"))
              .orElse(false));
    }
  }

  /** Empty when the read-only checks run; otherwise why not and how to run them. */
  static Optional<String> skipReason(Settings settings) {
    if (settings.device().isEmpty()) {
      return Optional.of(
          "real-key tests need a security key and run only with: "
              + COMMAND
              + " (DEVICE as 'keydesk --device' takes it: an index or path from 'keydesk devices',"
              + " or udp:HOST:PORT[/LOCALPORT] for a simulator)");
    }
    return Optional.empty();
  }

  /**
   * Empty when the state-changing checks may run on the key whose getInfo (read before anything was
   * changed) is {@code info}; otherwise exactly why not and how to enable them.
   */
  static Optional<String> stateChangingSkipReason(Settings settings, Info info) {
    Optional<String> tier = skipReason(settings);
    if (tier.isPresent()) {
      return tier;
    }
    String device = settings.device().orElseThrow();
    Optional<Boolean> pinSet = info.isPinSet();
    if (pinSet.isPresent() && pinSet.get()) {
      return Optional.of(
          "state-changing real-key tests ("
              + STATE_CHANGING
              + ") skipped: the key at "
              + device
              + " has a PIN (getInfo option clientPin=true), and KeyDesk never modifies a key that"
              + " has a PIN, whatever -D"
              + DESTRUCTIVE_PROPERTY
              + " says. To run them, use a key without a PIN, or erase this one first with"
              + " 'keydesk --device "
              + device
              + " reset' (deletes every credential and the PIN), then add -D"
              + DESTRUCTIVE_PROPERTY
              + "=true");
    }
    if (!settings.destructive()) {
      return Optional.of(
          "state-changing real-key tests ("
              + STATE_CHANGING
              + ") skipped: they modify the key at "
              + device
              + " and end with a reset that erases every credential on it. To run them on this"
              + " key (it has no PIN), add -D"
              + DESTRUCTIVE_PROPERTY
              + "=true");
    }
    if (pinSet.isEmpty()) {
      return Optional.of(
          "state-changing real-key tests ("
              + STATE_CHANGING
              + ") skipped: the key at "
              + device
              + " does not support a PIN (its getInfo has no clientPin option), and these tests"
              + " need one. Nothing was changed.");
    }
    return Optional.empty();
  }
}
