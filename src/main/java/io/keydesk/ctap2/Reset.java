package io.keydesk.ctap2;

import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * authenticatorReset (CTAP 2.1 section 6.6): erases every credential and the PIN. Keys accept it
 * only within seconds of power-up (10 s per the spec, 5 s on some) and after a touch; otherwise
 * they answer NOT_ALLOWED, or USER_ACTION_TIMEOUT when nobody touches them.
 */
public final class Reset {
  private static final Logger LOG = LoggerFactory.getLogger(Reset.class);

  private final CtapChannel channel;

  public Reset(CtapChannel channel) {
    this.channel = channel;
  }

  /** Every CTAP2 authenticator implements reset. */
  public static boolean isSupported(Info info) {
    return true;
  }

  /** Resets the key; it waits for a touch, which {@code keepalive} hears as UP_NEEDED. */
  public void reset(CancelToken cancel, KeepaliveListener keepalive)
      throws CtapException, TransportException {
    channel.send(CtapCommand.RESET, Optional.empty(), cancel, keepalive);
    LOG.info(
        "Reset completed on {}: every credential and the PIN were erased",
        channel.device().describe());
  }
}
