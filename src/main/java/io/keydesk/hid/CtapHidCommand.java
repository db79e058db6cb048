package io.keydesk.hid;

/** CTAPHID command bytes without the init-packet bit (CTAP 2.1 section 11.2.9). */
public final class CtapHidCommand {
  public static final int PING = 0x01;
  public static final int MSG = 0x03;
  public static final int LOCK = 0x04;
  public static final int INIT = 0x06;
  public static final int WINK = 0x08;
  public static final int CBOR = 0x10;
  public static final int CANCEL = 0x11;
  public static final int KEEPALIVE = 0x3B;
  public static final int ERROR = 0x3F;

  /** The broadcast channel, used only for INIT. */
  public static final int BROADCAST_CID = 0xFFFFFFFF;

  /** Capability flags in the INIT response. */
  public static final int CAPABILITY_WINK = 0x01;
  public static final int CAPABILITY_CBOR = 0x04;
  public static final int CAPABILITY_NMSG = 0x08;

  private CtapHidCommand() {}

  public static String name(int command) {
    return switch (command) {
      case PING -> "PING";
      case MSG -> "MSG";
      case LOCK -> "LOCK";
      case INIT -> "INIT";
      case WINK -> "WINK";
      case CBOR -> "CBOR";
      case CANCEL -> "CANCEL";
      case KEEPALIVE -> "KEEPALIVE";
      case ERROR -> "ERROR";
      default -> String.format("0x%02X", command);
    };
  }
}
