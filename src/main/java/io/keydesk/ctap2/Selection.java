package io.keydesk.ctap2;

import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import java.util.Optional;

/**
 * authenticatorSelection (CTAP 2.1 section 6.9): the key blinks and returns once touched, so the
 * user can pick one of several keys. Cancel the others' calls once one returns.
 */
public final class Selection {
  private final CtapChannel channel;

  public Selection(CtapChannel channel) {
    this.channel = channel;
  }

  /** Added in CTAP 2.1: keys listing FIDO_2_1, FIDO_2_1_PRE (or FIDO_2_2) support it. */
  public static boolean isSupported(Info info) {
    return info.supportsVersion(Info.FIDO_2_1)
        || info.supportsVersion(Info.FIDO_2_1_PRE)
        || info.supportsVersion(Info.FIDO_2_2);
  }

  /** Waits for a touch; ends with USER_ACTION_TIMEOUT when nobody touches the key. */
  public void select(CancelToken cancel, KeepaliveListener keepalive)
      throws CtapException, TransportException {
    channel.send(CtapCommand.SELECTION, Optional.empty(), cancel, keepalive);
  }
}
