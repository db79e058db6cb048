package io.keydesk.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A hardware key KeyDesk has talked to.
 *
 * @param name the model name shown to the user
 * @param firmware the firmware version as displayed (CTAP 2.1 getInfo firmwareVersion), when known
 */
public record DeviceSeen(
    long id,
    DeviceIdentity identity,
    String name,
    Optional<String> firmware,
    Instant firstSeen,
    Instant lastSeen) {
  public DeviceSeen {
    SqlValues.requireText(name, "name");
    firstSeen = SqlValues.millis(firstSeen);
    lastSeen = SqlValues.millis(lastSeen);
  }
}
