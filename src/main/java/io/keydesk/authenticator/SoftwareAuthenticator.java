package io.keydesk.authenticator;

import io.keydesk.cbor.Bytes;
import java.util.Optional;
import java.util.function.Function;

/**
 * KeyDesk's software FIDO2 authenticator: a {@link CtapHidResponder} in front of a {@link
 * CommandHandler}, with an identity ({@link AuthenticatorState}) and a {@link UserPresence} policy.
 * Use {@link #connect()} for in-process hosts, or {@link UdpSimulatorServer} to serve it over UDP.
 *
 * <pre>{@code
 * try (SoftwareAuthenticator authenticator = SoftwareAuthenticator.builder().build();
 *     HidConnection connection = authenticator.connect()) { ... }
 * }</pre>
 */
public final class SoftwareAuthenticator implements AutoCloseable {
  public static final String IN_MEMORY_DESCRIPTION = "memory:keydesk-software-authenticator";

  private final AuthenticatorState state;
  private final CtapHidResponder responder;
  private final CommandHandler handler;
  private final Optional<Scheduler.SystemScheduler> ownScheduler;

  private SoftwareAuthenticator(Builder builder) {
    this.state = builder.state;
    if (builder.scheduler == null) {
      Scheduler.SystemScheduler system = Scheduler.system("keydesk-authenticator-timer");
      this.ownScheduler = Optional.of(system);
      builder.scheduler = system;
    } else {
      this.ownScheduler = Optional.empty();
    }
    this.handler =
        builder.handlerFactory.apply(new Setup(state, builder.stateFile, builder.scheduler));
    this.responder =
        new CtapHidResponder(handler, builder.userPresence, builder.options, builder.scheduler);
  }

  /**
   * What a {@link CommandHandler} factory gets: the loaded state, the file to persist changes to
   * (empty for an ephemeral authenticator), and the clock to use for its own timers.
   */
  public record Setup(
      AuthenticatorState state, Optional<StateFile> stateFile, Scheduler scheduler) {}

  public static Builder builder() {
    return new Builder();
  }

  public AuthenticatorState state() {
    return state;
  }

  public Bytes aaguid() {
    return state.aaguid();
  }

  public CtapHidResponder responder() {
    return responder;
  }

  /**
   * Simulates removing the key and plugging it in again (see {@link CommandHandler#powerCycle()}).
   * Hosts must INIT again, as with a real key.
   */
  public void replug() {
    handler.powerCycle();
  }

  /** A new in-memory HID connection to this authenticator; close it when done. */
  public InMemoryConnection connect() {
    return new InMemoryConnection(responder, IN_MEMORY_DESCRIPTION);
  }

  @Override
  public void close() {
    responder.close();
    ownScheduler.ifPresent(Scheduler.SystemScheduler::close);
  }

  /** Defaults: a fresh identity, always-approve presence, default options, a real-time clock. */
  public static final class Builder {
    private AuthenticatorState state;
    private UserPresence userPresence = UserPresence.approve();
    private ResponderOptions options = ResponderOptions.defaults();
    private Scheduler scheduler;
    private Optional<StateFile> stateFile = Optional.empty();
    private Function<Setup, CommandHandler> handlerFactory =
        setup -> new BasicCtap2Handler(AuthenticatorInfo.keydeskDefaults(setup.state().aaguid()));

    private Builder() {}

    public Builder state(AuthenticatorState state) {
      this.state = state;
      return this;
    }

    public Builder userPresence(UserPresence userPresence) {
      this.userPresence = userPresence;
      return this;
    }

    public Builder options(ResponderOptions options) {
      this.options = options;
      return this;
    }

    /** Injects the clock (tests); the caller then owns and closes it. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Where the handler persists state changes; the state itself is given by {@link #state}. */
    public Builder stateFile(StateFile file) {
      this.stateFile = Optional.of(file);
      return this;
    }

    /** Replaces the CTAP2 command logic (default: {@link BasicCtap2Handler}). */
    public Builder handler(Function<Setup, CommandHandler> factory) {
      this.handlerFactory = factory;
      return this;
    }

    public SoftwareAuthenticator build() {
      if (state == null) {
        state = AuthenticatorState.generate();
      }
      return new SoftwareAuthenticator(this);
    }
  }
}
