package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The software authenticator's CTAP2 command logic (CTAP 2.1 section 6): takes one CTAPHID_CBOR
 * message (command byte + CBOR parameters) and returns the status byte followed by the CBOR
 * response. Requests are parsed with the io.keydesk.ctap2 records, the same ones the host side
 * sends, so both sides agree on the wire format.
 *
 * <p>Supported: makeCredential, getAssertion, getNextAssertion, getInfo, clientPIN (protocols 2 and
 * 1, PIN only), reset, selection; extensions credProtect and hmac-secret. Everything else is
 * INVALID_COMMAND.
 *
 * <p>One command at a time (the methods are synchronized, so {@link #powerCycle()} may come from
 * another thread, such as a UI button for "re-plug"). After every command that may change
 * persistent state the listener gets the state, so a state file can store it.
 */
public final class Ctap2Processor {
  private static final Logger LOG = LoggerFactory.getLogger(Ctap2Processor.class);

  private final DeviceContext device;
  private final MakeCredentialOperation makeCredential;
  private final GetAssertionOperation getAssertion;
  private final ClientPinOperation clientPin;
  private final ResetOperation reset;
  private Consumer<Ctap2State> stateListener = state -> {};
  private Optional<AssertionSession> session = Optional.empty();

  public Ctap2Processor(Ctap2Config config, Ctap2State state) {
    this.device = new DeviceContext(config, state);
    this.makeCredential = new MakeCredentialOperation(device);
    this.getAssertion = new GetAssertionOperation(device);
    this.clientPin = new ClientPinOperation(device);
    this.reset = new ResetOperation(device);
  }

  /** A new authenticator with fresh state (new device secret and attestation certificates). */
  public static Ctap2Processor create(Ctap2Config config) {
    return new Ctap2Processor(
        config,
        Ctap2State.generate(
            config.aaguid(), config.discoverableCapacity(), config.clock().instant()));
  }

  /** Called with the state after each command that may have changed it. */
  public void onStateChange(Consumer<Ctap2State> listener) {
    this.stateListener = listener;
  }

  public Ctap2State state() {
    return device.state;
  }

  public Ctap2Config config() {
    return device.config;
  }

  /** The getInfo the authenticator reports now. */
  public Info info() {
    return InfoFactory.build(device);
  }

  /** The attestation trust anchor (the root CA that issued the batch certificate). */
  public BatchAttestation attestation() {
    return device.state.batch();
  }

  /**
   * A simulated re-plug: renews the key-agreement keys and the PIN token, clears the
   * consecutive-wrong-PIN block and any getNextAssertion state, and restarts the 10 s reset window.
   */
  public synchronized void powerCycle() {
    device.tokens.powerCycle();
    device.state.pin().powerCycled();
    discardSession();
    device.poweredUpAt = device.now();
    LOG.debug("power cycle");
  }

  /**
   * Handles one CTAP2 message.
   *
   * @param request the command byte followed by CBOR parameters
   * @param presence the test of user presence for this request
   * @return the status byte, then the CBOR response when the status is CTAP2_OK
   */
  public synchronized byte[] process(byte[] request, UserPresenceCheck presence) {
    if (request.length == 0) {
      return status(CtapStatus.INVALID_LENGTH);
    }
    if (request.length > InfoFactory.MAX_MSG_SIZE) {
      return status(CtapStatus.REQUEST_TOO_LARGE);
    }
    int command = request[0] & 0xFF;
    if (command != CtapCommand.GET_NEXT_ASSERTION) {
      discardSession();
    }
    boolean mutating = false;
    try {
      CborMap parameters =
          request.length == 1
              ? CborMap.empty()
              : Cbor.decodeMap(Arrays.copyOfRange(request, 1, request.length));
      mutating =
          command == CtapCommand.MAKE_CREDENTIAL
              || command == CtapCommand.GET_ASSERTION
              || command == CtapCommand.GET_NEXT_ASSERTION
              || command == CtapCommand.CLIENT_PIN
              || command == CtapCommand.RESET;
      Optional<CborMap> response = dispatch(command, parameters, presence);
      return ok(response);
    } catch (CtapException e) {
      LOG.debug("command 0x{} failed: {}", Integer.toHexString(command), e.status());
      return status(e.status());
    } catch (CborException e) {
      CtapException mapped = CborErrors.toCtap(e);
      LOG.debug(
          "command 0x{}: {} ({})", Integer.toHexString(command), mapped.status(), e.getMessage());
      return status(mapped.status());
    } catch (RuntimeException e) {
      LOG.warn("command 0x{} failed unexpectedly", Integer.toHexString(command), e);
      return status(CtapStatus.OTHER);
    } finally {
      if (mutating) {
        stateListener.accept(device.state);
      }
    }
  }

  private Optional<CborMap> dispatch(int command, CborMap parameters, UserPresenceCheck presence)
      throws CtapException, CborException {
    switch (command) {
      case CtapCommand.GET_INFO:
        return Optional.of(info().toCbor());
      case CtapCommand.MAKE_CREDENTIAL:
        return Optional.of(
            makeCredential.run(MakeCredentialRequest.fromCbor(parameters), presence).toCbor());
      case CtapCommand.GET_ASSERTION:
        GetAssertionOperation.Result result =
            getAssertion.run(GetAssertionRequest.fromCbor(parameters), presence);
        session = result.session();
        return Optional.of(result.response().toCbor());
      case CtapCommand.GET_NEXT_ASSERTION:
        return Optional.of(nextAssertion());
      case CtapCommand.CLIENT_PIN:
        return Optional.of(clientPin.run(parameters));
      case CtapCommand.RESET:
        reset.run(presence);
        return Optional.empty();
      case CtapCommand.SELECTION:
        if (device.config.ctap20Only()) {
          throw new CtapException(CtapStatus.INVALID_COMMAND);
        }
        presence.require();
        return Optional.empty();
      default:
        throw new CtapException(CtapStatus.INVALID_COMMAND);
    }
  }

  private CborMap nextAssertion() throws CtapException {
    if (session.isEmpty() || !session.get().hasNext() || session.get().isExpired(device.now())) {
      discardSession();
      throw new CtapException(
          CtapStatus.NOT_ALLOWED, "There is no further assertion; call getAssertion again.");
    }
    CborMap response = getAssertion.next(session.get()).toCbor();
    if (!session.get().hasNext()) {
      discardSession();
    }
    return response;
  }

  private void discardSession() {
    session.ifPresent(AssertionSession::close);
    session = Optional.empty();
  }

  private static byte[] status(CtapStatus status) {
    return new byte[] {(byte) status.code()};
  }

  private static byte[] ok(Optional<CborMap> response) {
    if (response.isEmpty()) {
      return status(CtapStatus.OK);
    }
    byte[] body = Cbor.encode(response.get());
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) CtapStatus.OK.code();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }
}
