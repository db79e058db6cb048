package io.keydesk.ctap2;

import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import java.util.Optional;

/**
 * Sends one authenticator API command (CTAP 2.1 section 8.1: command byte, then CBOR parameters)
 * over CTAPHID_CBOR and reads the status byte and CBOR response. Shared by every CTAP2 sub-API
 *, so status handling and strict decoding live in one place.
 */
public final class CtapChannel {
  private final CtapDevice device;

  public CtapChannel(CtapDevice device) {
    this.device = device;
  }

  public CtapDevice device() {
    return device;
  }

  /**
   * Sends {@code command} with {@code parameters} (none when empty).
   *
   * @return the response map, empty when the authenticator sent only a status byte
   * @throws CtapException when the status byte is not CTAP2_OK, or the response is malformed
   */
  public CborMap send(
      int command, Optional<CborMap> parameters, CancelToken cancel, KeepaliveListener keepalive)
      throws CtapException, TransportException {
    byte[] body = parameters.map(Cbor::encode).orElse(new byte[0]);
    byte[] request = new byte[1 + body.length];
    request[0] = (byte) command;
    System.arraycopy(body, 0, request, 1, body.length);
    byte[] response = device.call(CtapHidCommand.CBOR, request, cancel, keepalive);
    return parseResponse(response);
  }

  /** Sends a command without parameters and with no cancellation. */
  public CborMap send(int command) throws CtapException, TransportException {
    return send(command, Optional.empty(), CancelToken.none(), KeepaliveListener.NONE);
  }

  /** Parses a response frame: status byte, then an optional CBOR map. */
  static CborMap parseResponse(byte[] response) throws CtapException {
    if (response.length == 0) {
      throw new CtapException(
          CtapStatus.INVALID_LENGTH, "The key sent an empty response; re-insert it and try again.");
    }
    CtapStatus status = CtapStatus.fromCode(response[0] & 0xFF);
    if (!status.equals(CtapStatus.OK)) {
      throw new CtapException(status);
    }
    if (response.length == 1) {
      return CborMap.empty();
    }
    byte[] body = new byte[response.length - 1];
    System.arraycopy(response, 1, body, 0, body.length);
    try {
      return Cbor.decodeMap(body);
    } catch (CborException e) {
      throw new CtapException(
          CtapStatus.INVALID_CBOR,
          "The key sent a response KeyDesk cannot read (" + e.getMessage() + ").");
    }
  }
}
