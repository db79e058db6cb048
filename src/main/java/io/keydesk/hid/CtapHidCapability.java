package io.keydesk.hid;

import java.util.EnumSet;
import java.util.Set;

/** Capability flags of the CTAPHID_INIT response (CTAP 2.1 section 11.2.9.1.3). */
public enum CtapHidCapability {
  /** The device implements CTAPHID_WINK. */
  WINK(CtapHidCommand.CAPABILITY_WINK),
  /** The device implements CTAPHID_CBOR (CTAP2). */
  CBOR(CtapHidCommand.CAPABILITY_CBOR),
  /** The device does NOT implement CTAPHID_MSG (no CTAP1/U2F). */
  NMSG(CtapHidCommand.CAPABILITY_NMSG);

  private final int flag;

  CtapHidCapability(int flag) {
    this.flag = flag;
  }

  public int flag() {
    return flag;
  }

  /** The capabilities set in {@code flags}; unknown bits are ignored. */
  public static Set<CtapHidCapability> fromFlags(int flags) {
    Set<CtapHidCapability> set = EnumSet.noneOf(CtapHidCapability.class);
    for (CtapHidCapability capability : values()) {
      if ((flags & capability.flag) != 0) {
        set.add(capability);
      }
    }
    return set;
  }
}
