package io.keydesk.authenticator.ctap;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * authenticatorReset (CTAP 2.1 section 6.6): allowed only within 10 seconds of power-up and with
 * user presence; erases credentials, PIN, counters and the device secret.
 */
final class ResetOperation {
  private static final Logger LOG = LoggerFactory.getLogger(ResetOperation.class);

  static final Duration WINDOW = Duration.ofSeconds(10);

  private final DeviceContext device;

  ResetOperation(DeviceContext device) {
    this.device = device;
  }

  void run(UserPresenceCheck presence) throws CtapException {
    if (device.now().isAfter(device.poweredUpAt.plus(WINDOW))) {
      throw new CtapException(
          CtapStatus.NOT_ALLOWED,
          "A reset is allowed only within 10 seconds of plugging the authenticator in; re-plug"
              + " it and reset at once.");
    }
    presence.require();
    device.state.erase();
    device.tokens.powerCycle();
    LOG.info("Reset: credentials, PIN and device secret erased");
  }
}
