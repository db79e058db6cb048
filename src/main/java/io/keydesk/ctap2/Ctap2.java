package io.keydesk.ctap2;

import io.keydesk.cbor.CborMap;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core CTAP2 commands (CTAP 2.1 sections 6.1 to 6.4): getInfo, makeCredential, getAssertion and
 * getNextAssertion. Sub-APIs (ClientPin, Reset, Selection, ...) are separate classes over the same
 * {@link CtapChannel}. Not thread-safe: a device's commands run on its one worker thread.
 */
public final class Ctap2 {
  private static final Logger LOG = LoggerFactory.getLogger(Ctap2.class);

  private final CtapChannel channel;

  public Ctap2(CtapChannel channel) {
    this.channel = channel;
  }

  public Ctap2(CtapDevice device) {
    this(new CtapChannel(device));
  }

  public CtapChannel channel() {
    return channel;
  }

  /** authenticatorGetInfo (section 6.4): versions, options, limits. Needs no user action. */
  public Info getInfo() throws CtapException, TransportException {
    CborMap response = channel.send(CtapCommand.GET_INFO);
    Info info = CtapCbor.parseResponse("getInfo", response, Info::fromCbor);
    LOG.debug("getInfo: versions {} aaguid {}", info.versions(), info.aaguid());
    return info;
  }

  /**
   * What every client does first with a key it opened: reads getInfo once and, on a CTAPHID
   * device, limits requests to the key's maxMsgSize (section 6.4, key 0x05; 1024 when absent), so
   * an oversized request is refused host-side with a clear message instead of a device error. The
   * one place that does this, for the use cases (app.DeviceSession) and the WebAuthn client alike.
   */
  public Info getInfoAndApplyLimits() throws CtapException, TransportException {
    Info info = getInfo();
    if (channel.device() instanceof CtapHidDevice hid) {
      hid.setMaxMessageSize(info.maxMsgSizeOrDefault());
    }
    return info;
  }

  /**
   * authenticatorMakeCredential (section 6.1). Usually waits for a touch: {@code keepalive} hears
   * UP_NEEDED, and firing {@code cancel} ends it with a cancellation.
   */
  public MakeCredentialResponse makeCredential(
      MakeCredentialRequest request, CancelToken cancel, KeepaliveListener keepalive)
      throws CtapException, TransportException {
    CborMap response =
        channel.send(CtapCommand.MAKE_CREDENTIAL, Optional.of(request.toCbor()), cancel, keepalive);
    return CtapCbor.parseResponse("makeCredential", response, MakeCredentialResponse::fromCbor);
  }

  /**
   * authenticatorGetAssertion (section 6.2). When the response's numberOfCredentials is above 1,
   * call {@link #getNextAssertion()} for each further credential.
   */
  public GetAssertionResponse getAssertion(
      GetAssertionRequest request, CancelToken cancel, KeepaliveListener keepalive)
      throws CtapException, TransportException {
    CborMap response =
        channel.send(CtapCommand.GET_ASSERTION, Optional.of(request.toCbor()), cancel, keepalive);
    return CtapCbor.parseResponse("getAssertion", response, GetAssertionResponse::fromCbor);
  }

  /** authenticatorGetNextAssertion (section 6.3): the next of several assertions; no touch. */
  public GetAssertionResponse getNextAssertion() throws CtapException, TransportException {
    CborMap response = channel.send(CtapCommand.GET_NEXT_ASSERTION);
    return CtapCbor.parseResponse("getNextAssertion", response, GetAssertionResponse::fromCbor);
  }
}
