package io.keydesk.authenticator.ctap;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.CommandHandler;
import io.keydesk.authenticator.RequestContext;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.StateFile;
import io.keydesk.authenticator.StateFileException;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full CTAP2 command logic behind the CTAPHID responder: a {@link Ctap2Processor} whose user
 * presence is the responder's {@link RequestContext#requestUserPresence()} (KEEPALIVE UP_NEEDED,
 * CANCEL, timeout), and whose state is stored in the authenticator's {@link StateFile} (member
 * "ctap2") after every command that may change it.
 *
 * <pre>{@code
 * SoftwareAuthenticator.builder().handler(Ctap2CommandHandler::new).build();
 * }</pre>
 */
public final class Ctap2CommandHandler implements CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Ctap2CommandHandler.class);

  private final Ctap2Processor processor;
  private final Optional<StateFile> stateFile;
  private AuthenticatorState identity;

  /** With the default settings: packed batch attestation, 25 discoverable credentials. */
  public Ctap2CommandHandler(SoftwareAuthenticator.Setup setup) {
    this(setup, Ctap2Config.defaults(setup.state().aaguid()));
  }

  /**
   * @throws IllegalArgumentException when the stored CTAP2 state is damaged (the message names the
   *     problem; the state file is left as it is)
   */
  public Ctap2CommandHandler(SoftwareAuthenticator.Setup setup, Ctap2Config config) {
    this.identity = setup.state();
    this.stateFile = setup.stateFile();
    Optional<CborMap> stored = identity.ctap2();
    Ctap2State state;
    if (stored.isPresent()) {
      try {
        state = Ctap2State.fromCbor(stored.get(), config.discoverableCapacity());
      } catch (CborException e) {
        throw new IllegalArgumentException(
            "The authenticator's CTAP2 state is damaged ("
                + e.getMessage()
                + "); move the state file aside to start with a new authenticator.",
            e);
      }
    } else {
      state =
          Ctap2State.generate(
              identity.deviceSecret(),
              config.aaguid(),
              config.discoverableCapacity(),
              config.clock().instant());
    }
    this.processor = new Ctap2Processor(config, state);
    processor.onStateChange(this::save);
    if (stored.isEmpty()) {
      save(state);
    }
  }

  public Ctap2Processor processor() {
    return processor;
  }

  @Override
  public void powerCycle() {
    processor.powerCycle();
  }

  @Override
  public byte[] handleCbor(byte[] request, RequestContext context) {
    return processor.process(request, context::requestUserPresence);
  }

  private void save(Ctap2State state) {
    identity = identity.withCtap2(state.deviceSecret(), state.toCbor());
    if (stateFile.isEmpty()) {
      return;
    }
    try {
      stateFile.get().save(identity);
    } catch (StateFileException e) {
      LOG.error("The authenticator state could not be saved: {}", e.getMessage());
    }
  }
}
