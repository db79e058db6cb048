package io.keydesk.hid;

/**
 * A CTAP device as the protocol layers above see it: one request/response call at a time on a
 * serial channel. {@link CtapHidDevice} implements it over any {@link HidConnection}.
 */
public interface CtapDevice extends AutoCloseable {
  /**
   * Sends a CTAPHID command and returns the response payload.
   *
   * @param command a {@link CtapHidCommand} such as CBOR or MSG
   * @param payload the request (for CBOR: the CTAP2 command byte followed by its CBOR parameters)
   * @param cancel fired by the user to abort; the call then sends CTAPHID_CANCEL and throws {@link
   *     CancelledException}
   * @param keepalive told when the keepalive status changes (UP_NEEDED: ask for a touch)
   * @throws TransportException for timeouts, disconnects and CTAPHID errors
   */
  byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive)
      throws TransportException;

  /** A short description for messages, such as a hidraw path or udp:127.0.0.1:8111. */
  String describe();

  @Override
  void close();
}
