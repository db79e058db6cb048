package io.keydesk.hid;

/** CTAPHID_ERROR codes (CTAP 2.1 section 11.2.9.1.6), each with what the user can do about it. */
public enum CtapHidError {
  INVALID_CMD(0x01, "The key does not support this command."),
  INVALID_PAR(0x02, "The key rejected a parameter of the command."),
  INVALID_LEN(0x03, "The key rejected the message length."),
  INVALID_SEQ(0x04, "The key saw packets out of order; try again."),
  MSG_TIMEOUT(0x05, "The key timed out waiting for the rest of the message; try again."),
  CHANNEL_BUSY(0x06, "The key is busy with another application; close it or try again."),
  LOCK_REQUIRED(0x0A, "The key is locked by another application; try again shortly."),
  INVALID_CHANNEL(0x0B, "The key does not know this channel; reconnect and try again."),
  OTHER(0x7F, "The key reported an unspecified error.");

  private final int code;
  private final String message;

  CtapHidError(int code, String message) {
    this.code = code;
    this.message = message;
  }

  public int code() {
    return code;
  }

  public String message() {
    return message;
  }

  /** The error for {@code code}, or {@link #OTHER} for an unknown code. */
  public static CtapHidError fromCode(int code) {
    for (CtapHidError error : values()) {
      if (error.code == code) {
        return error;
      }
    }
    return OTHER;
  }
}
