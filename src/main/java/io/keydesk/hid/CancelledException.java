package io.keydesk.hid;

/** The operation was cancelled by the user; CTAPHID_CANCEL has been sent to the device. */
public final class CancelledException extends TransportException {
  public CancelledException() {
    super("Cancelled.");
  }
}
