package io.keydesk.hid;

/** CTAPHID_KEEPALIVE status byte (CTAP 2.1 section 11.2.9.2.1). */
public enum KeepaliveStatus {
  PROCESSING(1),
  UP_NEEDED(2);

  private final int code;

  KeepaliveStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static java.util.Optional<KeepaliveStatus> fromCode(int code) {
    for (KeepaliveStatus status : values()) {
      if (status.code == code) {
        return java.util.Optional.of(status);
      }
    }
    return java.util.Optional.empty();
  }
}
