package io.keydesk.app;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Reset;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import io.keydesk.hid.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guided reset (CTAP 2.1 section 6.6), the safe way: confirm, ask to remove and re-insert the
 * key (keys accept a reset only within seconds of power-up), check that the key that came back is
 * the same one (AAGUID, and vendor/product/serial), then reset at once and ask for the touch. For
 * scripted simulators the re-plug can be skipped: the reset is then sent straight away.
 *
 * <p>Synchronous: {@link #run} blocks the calling (device) thread; the {@link Interaction} is told
 * what to show. Time comes from the given clock and sleeper so tests need no real waiting.
 */
public final class ResetFlow {
  private static final Logger LOG = LoggerFactory.getLogger(ResetFlow.class);

  /** CTAP 2.1 section 6.6: keys accept reset within 10 seconds of power-up (some: 5). */
  public static final Duration RESET_WINDOW = Duration.ofSeconds(10);

  public static final String WARNING =
      "Resetting erases every credential (passkey) on the key and its PIN. You will have to"
          + " register the key again on every site. This cannot be undone.";
  public static final String REMOVE = "Remove the security key now.";
  public static final String INSERT =
      "Insert the security key again; the reset must happen within 10 seconds of inserting it.";
  public static final String TOUCH = "Touch your security key to confirm the reset...";
  public static final String LONG_TOUCH =
      "Press and hold your security key's button to confirm the reset...";
  public static final String WINDOW_PASSED =
      "More than 10 seconds since the key was plugged in: remove and re-insert it, then run reset"
          + " again. Nothing was erased.";
  public static final String DONE = "The key was reset: every credential and its PIN are erased.";

  /** Where the flow is; {@link #steps()} keeps the path taken. */
  public enum Step {
    CONFIRM,
    REMOVE,
    REINSERT,
    SAME_KEY,
    TOUCH,
    DONE,
    CANCELLED,
    FAILED
  }

  /** What the user sees and answers. Called on the flow's thread. */
  public interface Interaction {
    /** Shows {@code warning}; true to go on. */
    boolean confirm(String warning);

    /** Shows an instruction (remove, insert...). */
    void instruct(String message);

    /** The key waits for a touch (keepalive UP_NEEDED). */
    void promptTouch(String message);

    /**
     * For callers that already had the user confirm the reset: {@link #confirm} answers yes, the
     * instructions and touch prompts go where given.
     */
    static Interaction confirmedAlready(Consumer<String> instruct, Consumer<String> promptTouch) {
      return new Interaction() {
        @Override
        public boolean confirm(String warning) {
          return true;
        }

        @Override
        public void instruct(String message) {
          instruct.accept(message);
        }

        @Override
        public void promptTouch(String message) {
          promptTouch.accept(message);
        }
      };
    }
  }

  /** The keys present and how to open one: {@code DeviceDiscovery} in production. */
  public interface Devices {
    List<DeviceDescriptor> list();

    DeviceSession open(DeviceDescriptor device) throws TransportException, CtapException;
  }

  /** Waiting between polls (a fake in tests advances a fake clock). */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  /** How long to wait for removal and re-insertion, and how often to look. */
  public record Timing(Duration removeTimeout, Duration insertTimeout, Duration pollInterval) {
    public static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(200));

    public Timing {
      Objects.requireNonNull(removeTimeout);
      Objects.requireNonNull(insertTimeout);
      if (pollInterval.isZero() || pollInterval.isNegative()) {
        throw new IllegalArgumentException("the poll interval must be positive");
      }
    }
  }

  /** How it ended: DONE, CANCELLED or FAILED, with the message to show. */
  public record Outcome(Step step, String message) {
    public boolean succeeded() {
      return step == Step.DONE;
    }
  }

  private final Devices devices;
  private final Interaction interaction;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Timing timing;
  private final List<Step> steps = new ArrayList<>();

  public ResetFlow(
      Devices devices, Interaction interaction, Clock clock, Sleeper sleeper, Timing timing) {
    this.devices = devices;
    this.interaction = interaction;
    this.clock = clock;
    this.sleeper = sleeper;
    this.timing = timing;
  }

  /** The steps taken so far, in order. */
  public List<Step> steps() {
    return List.copyOf(steps);
  }

  /**
   * Runs the flow on {@code session} (the key at {@code descriptor}). The session is closed when
   * the key is removed; the flow opens the re-inserted key itself and closes it at the end.
   *
   * @param confirm false to skip the confirmation (--yes)
   * @param replug false to skip remove/re-insert (simulators that are "plugged in" already)
   */
  public Outcome run(
      DeviceSession session, DeviceDescriptor descriptor, boolean confirm, boolean replug)
      throws TransportException, CtapException, InterruptedException {
    if (confirm) {
      step(Step.CONFIRM);
      if (!interaction.confirm(WARNING)) {
        return end(Step.CANCELLED, "Reset cancelled; nothing was erased.");
      }
    }
    if (!replug) {
      return reset(session, Optional.empty());
    }
    Bytes aaguid = session.info().aaguid();
    session.close();

    step(Step.REMOVE);
    interaction.instruct(REMOVE);
    if (!await(
        () -> devices.list().stream().noneMatch(d -> d.id().equals(descriptor.id())),
        timing.removeTimeout())) {
      return end(
          Step.FAILED,
          "The key was not removed within "
              + timing.removeTimeout().toSeconds()
              + " seconds; nothing was erased. Run reset again and remove the key when asked.");
    }

    step(Step.REINSERT);
    interaction.instruct(INSERT);
    DeviceDescriptor[] found = new DeviceDescriptor[1];
    if (!await(
        () -> {
          found[0] =
              devices.list().stream()
                  .filter(d -> sameHardware(descriptor, d))
                  .findFirst()
                  .orElse(null);
          return found[0] != null;
        },
        timing.insertTimeout())) {
      return end(
          Step.FAILED,
          "The key was not inserted again within "
              + timing.insertTimeout().toSeconds()
              + " seconds; nothing was erased. Run reset again.");
    }
    Instant insertedAt = clock.instant();

    step(Step.SAME_KEY);
    DeviceSession again = devices.open(found[0]);
    try {
      if (!again.info().aaguid().equals(aaguid)) {
        return end(
            Step.FAILED,
            "A different security key was inserted (AAGUID "
                + InfoSummary.uuid(again.info().aaguid())
                + ", expected "
                + InfoSummary.uuid(aaguid)
                + "); nothing was erased. Insert the key you want to reset and run reset again.");
      }
      return reset(again, Optional.of(insertedAt));
    } finally {
      again.close();
    }
  }

  private Outcome reset(DeviceSession session, Optional<Instant> insertedAt)
      throws TransportException, CtapException {
    step(Step.TOUCH);
    if (insertedAt.isPresent()
        && Duration.between(insertedAt.get(), clock.instant()).compareTo(RESET_WINDOW) > 0) {
      return end(Step.FAILED, WINDOW_PASSED);
    }
    String touch = session.info().longTouchForResetOrDefault() ? LONG_TOUCH : TOUCH;
    KeepaliveListener keepalive =
        status -> {
          if (status == KeepaliveStatus.UP_NEEDED) {
            interaction.promptTouch(touch);
          }
        };
    try {
      new Reset(session.channel()).reset(CancelToken.none(), keepalive);
    } catch (CtapException e) {
      Optional<String> message = failureMessage(e.status());
      if (message.isPresent()) {
        return end(Step.FAILED, message.get());
      }
      throw e;
    }
    session.refreshInfo();
    return end(Step.DONE, DONE);
  }

  /** The user-facing meaning of a status reset answered with, when it has a specific one. */
  static Optional<String> failureMessage(CtapStatus status) {
    if (status.equals(CtapStatus.NOT_ALLOWED)) {
      return Optional.of(WINDOW_PASSED);
    }
    if (status.equals(CtapStatus.USER_ACTION_TIMEOUT) || status.equals(CtapStatus.ACTION_TIMEOUT)) {
      return Optional.of(
          "Nobody touched the key in time, so nothing was erased. Run reset again and touch the"
              + " key when asked.");
    }
    if (status.equals(CtapStatus.OPERATION_DENIED) || status.equals(CtapStatus.KEEPALIVE_CANCEL)) {
      return Optional.of("The reset was declined at the key; nothing was erased.");
    }
    return Optional.empty();
  }

  /**
   * Whether {@code candidate} can be the key {@code original} after a re-plug: USB paths change, so
   * vendor and product must match, and the serial when both report one; a simulator keeps its
   * address.
   */
  static boolean sameHardware(DeviceDescriptor original, DeviceDescriptor candidate) {
    if (original.transport() != candidate.transport()) {
      return false;
    }
    if (original.transport() == DeviceDescriptor.Transport.UDP) {
      return original.id().equals(candidate.id());
    }
    if (original.vendorId() != candidate.vendorId()
        || original.productId() != candidate.productId()) {
      return false;
    }
    return original.serial().isEmpty()
        || candidate.serial().isEmpty()
        || original.serial().equals(candidate.serial());
  }

  private interface Condition {
    boolean holds() throws InterruptedException;
  }

  private boolean await(Condition condition, Duration timeout) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      if (condition.holds()) {
        return true;
      }
      if (!clock.instant().isBefore(deadline)) {
        return false;
      }
      sleeper.sleep(timing.pollInterval());
    }
  }

  private void step(Step step) {
    LOG.debug("reset flow: {}", step);
    steps.add(step);
  }

  private Outcome end(Step step, String message) {
    step(step);
    return new Outcome(step, message);
  }
}
