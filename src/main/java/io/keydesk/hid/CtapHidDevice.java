package io.keydesk.hid;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of CTAPHID (CTAP 2.1 section 11.2) over any {@link HidConnection}: allocates a
 * channel with CTAPHID_INIT, then sends one request at a time and collects its reply, handling
 * KEEPALIVE, CHANNEL_BUSY, CANCEL, and packets meant for other channels.
 *
 * <p>Each call has one deadline: every read gets only what remains of the call's budget, so a
 * device that keeps sending keepalives cannot stretch a call past it. Calls are serialised (the
 * channel is serial); {@link #close()} may be called from any thread and more than once.
 */
public final class CtapHidDevice implements CtapDevice {
  private static final Logger LOG = LoggerFactory.getLogger(CtapHidDevice.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** CTAP2_ERR_KEEPALIVE_CANCEL: the status a CTAP2 reply carries after CTAPHID_CANCEL. */
  static final int KEEPALIVE_CANCEL = 0x2D;

  /** How long to wait for the device to acknowledge CTAPHID_CANCEL before giving up on it. */
  static final Duration CANCEL_GRACE = Duration.ofMillis(500);

  /** Reads are sliced so that a fired {@link CancelToken} is noticed promptly. */
  static final Duration READ_SLICE = Duration.ofMillis(50);

  static final Duration BUSY_BACKOFF_FIRST = Duration.ofMillis(10);
  static final Duration BUSY_BACKOFF_MAX = Duration.ofMillis(250);

  /**
   * How long one CTAPHID_INIT attempt waits, whatever the per-call budget: INIT needs no user
   * action, so a key that does not answer it within {@link #INIT_ATTEMPTS} such waits is hung or
   * not a FIDO key (CTAP 2.1 section 11.2.9.1.3), and the user should hear so soon rather than
   * after a touch-sized timeout.
   */
  public static final Duration INIT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * INIT is sent once more, with a fresh nonce, when the first gets no answer in time (a report
   * lost or held up on a busy host); a reply to either nonce is then accepted, since both are ours.
   */
  static final int INIT_ATTEMPTS = 2;

  /** How long the drain before a request waits for each report already on its way. */
  static final Duration STALE_POLL = Duration.ofMillis(1);

  /**
   * At most this many queued reports are drained before a request: a chatty key cannot stall it.
   */
  static final int MAX_STALE_REPORTS = 256;

  private static final int NO_COMMAND = -1;

  /** CTAPHID_LOCK accepts 0 (release) to 10 seconds (CTAP 2.1 section 11.2.9.2.2). */
  public static final int MAX_LOCK_SECONDS = 10;

  private final HidConnection connection;
  private final Duration defaultTimeout;
  private final Ticker ticker;
  private final Object callLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile CtapHidInitResponse init;
  private volatile int maxMessageSize = CtapHidFrames.MAX_MESSAGE;

  /**
   * The command of a request given up on whose reply may still come: cancelled without the device
   * acknowledging within {@link #CANCEL_GRACE}, or timed out. Guarded by {@code callLock}.
   */
  private int abandoned = NO_COMMAND;

  /** The rest of a multi-packet late reply being dropped. Guarded by {@code callLock}. */
  private CtapHidFrames.Reassembly staleParts;

  private CtapHidDevice(HidConnection connection, Duration defaultTimeout, Ticker ticker) {
    this.connection = connection;
    this.defaultTimeout = defaultTimeout;
    this.ticker = ticker;
  }

  /**
   * Allocates a channel on {@code connection} with CTAPHID_INIT on the broadcast channel and an
   * 8-byte random nonce; replies carrying another nonce (another application's INIT) are ignored.
   *
   * @param defaultTimeout the budget of every call that does not give its own; INIT itself gets at
   *     most {@link #INIT_ATTEMPTS} times {@link #INIT_TIMEOUT} (or {@code defaultTimeout} when
   *     that is shorter, as for probes), and is sent again with a fresh nonce halfway through
   * @throws TransportException when no matching INIT reply arrives in time, or it is malformed; the
   *     connection is closed in that case
   */
  public static CtapHidDevice open(HidConnection connection, Duration defaultTimeout)
      throws TransportException {
    return open(connection, defaultTimeout, Ticker.SYSTEM, CtapHidDevice::randomNonce);
  }

  static CtapHidDevice open(
      HidConnection connection, Duration defaultTimeout, Ticker ticker, Supplier<byte[]> nonces)
      throws TransportException {
    Objects.requireNonNull(connection, "connection");
    requirePositive(defaultTimeout);
    CtapHidDevice device = new CtapHidDevice(connection, defaultTimeout, ticker);
    try {
      Duration initBudget = min(defaultTimeout, INIT_TIMEOUT.multipliedBy(INIT_ATTEMPTS));
      device.init = device.initialize(nonces, initBudget);
    } catch (TransportException | RuntimeException e) {
      device.close();
      throw e;
    }
    return device;
  }

  private static byte[] randomNonce() {
    byte[] nonce = new byte[CtapHidInitResponse.NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  // ---------------------------------------------------------------- what INIT told us

  /** The INIT response: channel, protocol and device versions, capabilities. */
  public CtapHidInitResponse initResponse() {
    return init;
  }

  public int channelId() {
    return init.channelId();
  }

  /** The CTAPHID protocol version (2 for CTAP 2.x devices). */
  public int protocolVersion() {
    return init.protocolVersion();
  }

  /** The device (firmware) version as major.minor.build. */
  public String deviceVersion() {
    return init.deviceVersion();
  }

  public Set<CtapHidCapability> capabilities() {
    return init.capabilities();
  }

  public boolean supports(CtapHidCapability capability) {
    return init.capabilities().contains(capability);
  }

  /**
   * Limits requests to the authenticator's maxMsgSize (authenticatorGetInfo, CTAP 2.1 section 6.4,
   * key 0x05) once it is known; larger requests are refused before anything is sent. Values above
   * the CTAPHID maximum of {@value CtapHidFrames#MAX_MESSAGE} bytes are capped to it.
   */
  public void setMaxMessageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("maxMsgSize must be positive, got " + size);
    }
    maxMessageSize = Math.min(size, CtapHidFrames.MAX_MESSAGE);
  }

  public int maxMessageSize() {
    return maxMessageSize;
  }

  @Override
  public String describe() {
    return connection.describe();
  }

  // ---------------------------------------------------------------- commands

  @Override
  public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive)
      throws TransportException {
    return call(command, payload, cancel, keepalive, defaultTimeout);
  }

  /**
   * Sends one CTAPHID request on our channel and returns the reply payload, all within {@code
   * timeout} (CTAP 2.1 sections 11.2.4 to 11.2.9).
   *
   * @throws CtapHidException when the device replies with CTAPHID_ERROR (CHANNEL_BUSY only once
   *     retrying with backoff has used up the budget)
   * @throws CancelledException when {@code cancel} fired; CTAPHID_CANCEL has then been sent
   * @throws TransportException on timeout, disconnect, malformed packets or an oversized request
   */
  public byte[] call(
      int command,
      byte[] payload,
      CancelToken cancel,
      KeepaliveListener keepalive,
      Duration timeout)
      throws TransportException {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(cancel, "cancel");
    Objects.requireNonNull(keepalive, "keepalive");
    requirePositive(timeout);
    int limit = maxMessageSize;
    if (payload.length > limit) {
      throw new TransportException(
          String.format(
              "The %s request is %d bytes but %s accepts at most %d bytes%s; send less data at"
                  + " once.",
              CtapHidCommand.name(command),
              payload.length,
              describe(),
              limit,
              limit == CtapHidFrames.MAX_MESSAGE ? " (the CTAPHID limit)" : " (its maxMsgSize)"));
    }
    synchronized (callLock) {
      ensureOpen();
      Deadline deadline = Deadline.after(ticker, timeout);
      List<byte[]> request = CtapHidFrames.fragment(init.channelId(), command, payload);
      if (abandoned != NO_COMMAND && !cancel.isCancelled()) {
        drainStale();
      }
      Duration backoff = BUSY_BACKOFF_FIRST;
      while (true) {
        if (cancel.isCancelled()) {
          throw new CancelledException();
        }
        for (byte[] packet : request) {
          writeReport(packet);
        }
        try {
          return awaitReply(command, deadline, cancel, keepalive, timeout);
        } catch (CtapHidException e) {
          if (e.error() != CtapHidError.CHANNEL_BUSY
              || deadline.remaining().compareTo(backoff) < 0) {
            throw e;
          }
          LOG.debug("{} is busy; retrying {} in {} ms", describe(), command, backoff.toMillis());
          pause(backoff);
          backoff = min(backoff.multipliedBy(2), BUSY_BACKOFF_MAX);
        }
      }
    }
  }

  /** CTAPHID_PING: the device echoes {@code data}; returns the echo. */
  public byte[] ping(byte[] data) throws TransportException {
    return call(CtapHidCommand.PING, data, CancelToken.none(), KeepaliveListener.NONE);
  }

  /** CTAPHID_WINK: the device blinks so the user can tell which key is which. */
  public void wink() throws TransportException {
    if (!supports(CtapHidCapability.WINK)) {
      throw new TransportException(
          describe() + " cannot wink (it does not report the WINK capability).");
    }
    call(CtapHidCommand.WINK, new byte[0], CancelToken.none(), KeepaliveListener.NONE);
  }

  /**
   * CTAPHID_LOCK: reserves the device for our channel for {@code seconds} (0 releases the lock).
   */
  public void lock(int seconds) throws TransportException {
    if (seconds < 0 || seconds > MAX_LOCK_SECONDS) {
      throw new IllegalArgumentException("lock time must be 0 to 10 seconds, got " + seconds);
    }
    call(
        CtapHidCommand.LOCK,
        new byte[] {(byte) seconds},
        CancelToken.none(),
        KeepaliveListener.NONE);
  }

  /** CTAPHID_CBOR with the default timeout: a CTAP2 command byte followed by its parameters. */
  public byte[] cbor(byte[] request) throws TransportException {
    return call(CtapHidCommand.CBOR, request, CancelToken.none(), KeepaliveListener.NONE);
  }

  /** CTAPHID_MSG with the default timeout: a CTAP1/U2F APDU. */
  public byte[] msg(byte[] apdu) throws TransportException {
    if (supports(CtapHidCapability.NMSG)) {
      throw new TransportException(
          describe() + " does not support CTAP1/U2F messages (it reports the NMSG capability).");
    }
    return call(CtapHidCommand.MSG, apdu, CancelToken.none(), KeepaliveListener.NONE);
  }

  /** Closes the connection; an ongoing call fails. Safe to call more than once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      connection.close();
    }
  }

  // ---------------------------------------------------------------- protocol

  /**
   * Sends INIT and waits for the reply within {@code timeout}; halfway through, INIT goes out once
   * more with a fresh nonce, and from then on a reply to either nonce is taken.
   */
  private CtapHidInitResponse initialize(Supplier<byte[]> nonces, Duration timeout)
      throws TransportException {
    Deadline deadline = Deadline.after(ticker, timeout);
    Duration attempt = timeout.dividedBy(INIT_ATTEMPTS);
    List<byte[]> sent = new ArrayList<>();
    sendInit(nonces.get(), sent);
    Deadline resend = Deadline.after(ticker, attempt);
    while (true) {
      Duration left = deadline.remaining();
      if (left.isZero()) {
        throw new TransportException(
            String.format(
                "%s did not answer CTAPHID_INIT within %d ms. Is it a FIDO security key, and is"
                    + " it (or the simulator) running? Re-insert or restart it and try again.",
                describe(), timeout.toMillis()));
      }
      boolean mayResend = sent.size() < INIT_ATTEMPTS;
      if (mayResend && resend.hasPassed()) {
        LOG.debug(
            "{} did not answer CTAPHID_INIT within {} ms; sending it again with a fresh nonce",
            describe(),
            attempt.toMillis());
        sendInit(nonces.get(), sent);
        resend = Deadline.after(ticker, attempt);
        continue;
      }
      byte[] packet = readReport(mayResend ? min(left, resend.remaining()) : left);
      if (packet.length == 0) {
        continue;
      }
      if (CtapHidFrames.cid(packet) != CtapHidCommand.BROADCAST_CID
          || !CtapHidFrames.isInit(packet)
          || CtapHidFrames.command(packet) != CtapHidCommand.INIT) {
        LOG.debug("Ignoring a packet that is not an INIT reply on the broadcast channel");
        continue;
      }
      int length = CtapHidFrames.messageLength(packet);
      byte[] data = Arrays.copyOfRange(packet, 7, 7 + Math.min(length, CtapHidFrames.INIT_DATA));
      if (length < CtapHidInitResponse.NONCE_LENGTH
          || sent.stream()
              .noneMatch(
                  nonce ->
                      Arrays.equals(
                          data, 0, CtapHidInitResponse.NONCE_LENGTH, nonce, 0, nonce.length))) {
        LOG.debug("Ignoring an INIT reply for another application's nonce");
        continue;
      }
      try {
        CtapHidInitResponse response = CtapHidInitResponse.parse(data);
        LOG.debug(
            "{}: channel {}, CTAPHID v{}, device {}, capabilities {}",
            describe(),
            String.format("%08x", response.channelId()),
            response.protocolVersion(),
            response.deviceVersion(),
            response.capabilities());
        return response;
      } catch (IllegalArgumentException e) {
        throw new TransportException(
            describe()
                + " sent a malformed CTAPHID_INIT reply ("
                + e.getMessage()
                + "); it is not a FIDO device KeyDesk can use.");
      }
    }
  }

  private void sendInit(byte[] nonce, List<byte[]> sent) throws TransportException {
    if (nonce.length != CtapHidInitResponse.NONCE_LENGTH) {
      throw new IllegalArgumentException("INIT nonce must be 8 bytes");
    }
    sent.add(nonce.clone());
    for (byte[] packet :
        CtapHidFrames.fragment(CtapHidCommand.BROADCAST_CID, CtapHidCommand.INIT, nonce)) {
      writeReport(packet);
    }
  }

  /**
   * Before a new request goes out after an abandoned one, drops whatever our channel already has
   * queued: nothing has been asked yet, so none of it can be the answer.
   */
  private void drainStale() throws TransportException {
    int channel = init.channelId();
    for (int i = 0; i < MAX_STALE_REPORTS && abandoned != NO_COMMAND; i++) {
      byte[] packet = readReport(STALE_POLL);
      if (packet.length == 0) {
        return;
      }
      if (CtapHidFrames.cid(packet) == channel && !dropIfStale(packet, NO_COMMAND)) {
        LOG.debug("{}: dropping a report queued before the request", describe());
      }
    }
  }

  /**
   * Drops {@code packet} (on our channel) when it belongs to the late reply of the abandoned
   * request: a reply carrying the abandoned command byte where the current request ({@code
   * command}, or none yet) has another, or CTAP2_ERR_KEEPALIVE_CANCEL to a CBOR request that was
   * not cancelled (CTAP 2.1 section 11.2.9.1.5), and that reply's continuation packets. A late
   * reply must never be taken for the answer to a later request.
   */
  private boolean dropIfStale(byte[] packet, int command) throws TransportException {
    boolean start = CtapHidFrames.isInit(packet);
    if (staleParts != null && !start) {
      if (!staleParts.accept(packet) || staleParts.isComplete()) {
        staleParts = null;
      }
      return true;
    }
    staleParts = null;
    if (abandoned == NO_COMMAND || !start || CtapHidFrames.command(packet) != abandoned) {
      return false;
    }
    boolean keepaliveCancel =
        abandoned == CtapHidCommand.CBOR
            && CtapHidFrames.messageLength(packet) == 1
            && (packet[7] & 0xFF) == KEEPALIVE_CANCEL;
    if (abandoned == command && !keepaliveCancel) {
      return false;
    }
    LOG.debug(
        "{}: dropping the late {} reply of an abandoned request",
        describe(),
        CtapHidCommand.name(abandoned));
    abandoned = NO_COMMAND;
    CtapHidFrames.Reassembly parts = startMessage(packet);
    staleParts = parts.isComplete() ? null : parts;
    return true;
  }

  private byte[] awaitReply(
      int command,
      Deadline deadline,
      CancelToken cancel,
      KeepaliveListener keepalive,
      Duration timeout)
      throws TransportException {
    int channel = init.channelId();
    CtapHidFrames.Reassembly message = null;
    KeepaliveStatus reported = null;
    while (true) {
      if (cancel.isCancelled()) {
        throw cancelAndDrain(command);
      }
      Duration left = deadline.remaining();
      if (left.isZero()) {
        throw timedOut(command, timeout, reported);
      }
      byte[] packet = readReport(min(left, READ_SLICE));
      if (packet.length == 0) {
        continue;
      }
      if (CtapHidFrames.cid(packet) != channel) {
        LOG.debug(
            "Ignoring a packet for channel {}", String.format("%08x", CtapHidFrames.cid(packet)));
        continue;
      }
      if (message == null && dropIfStale(packet, command)) {
        continue;
      }
      if (!CtapHidFrames.isInit(packet)) {
        if (message == null) {
          throw new TransportException(
              describe()
                  + " sent a continuation packet without the start of a message; re-insert the"
                  + " key and try again.");
        }
        int expected = message.nextSequence();
        if (!message.accept(packet)) {
          throw new TransportException(
              String.format(
                  "%s sent packet number %d where %d was expected; re-insert the key and try"
                      + " again.",
                  describe(), CtapHidFrames.sequence(packet), expected));
        }
      } else {
        int replyCommand = CtapHidFrames.command(packet);
        if (message != null) {
          throw new TransportException(
              String.format(
                  "%s started a new %s message before finishing the previous one; re-insert the"
                      + " key and try again.",
                  describe(), CtapHidCommand.name(replyCommand)));
        }
        if (replyCommand == CtapHidCommand.KEEPALIVE) {
          Optional<KeepaliveStatus> status = KeepaliveStatus.fromCode(packet[7] & 0xFF);
          if (status.isPresent() && status.get() != reported) {
            reported = status.get();
            keepalive.onStatus(reported);
          }
          continue;
        }
        if (replyCommand == CtapHidCommand.ERROR) {
          throw new CtapHidException(packet[7] & 0xFF);
        }
        if (replyCommand != command) {
          throw new TransportException(
              String.format(
                  "%s answered %s to a %s request; re-insert the key and try again.",
                  describe(), CtapHidCommand.name(replyCommand), CtapHidCommand.name(command)));
        }
        message = startMessage(packet);
      }
      if (message.isComplete()) {
        // The channel is serial: any reply to an earlier request came before this one.
        abandoned = NO_COMMAND;
        return message.payload();
      }
    }
  }

  private CtapHidFrames.Reassembly startMessage(byte[] initPacket) throws TransportException {
    try {
      return new CtapHidFrames.Reassembly(initPacket, CtapHidFrames.MAX_MESSAGE);
    } catch (IllegalArgumentException e) {
      throw new TransportException(
          String.format(
              "%s announced a %d-byte reply, more than CTAPHID can carry (%d); re-insert the key"
                  + " and try again.",
              describe(), CtapHidFrames.messageLength(initPacket), CtapHidFrames.MAX_MESSAGE));
    }
  }

  /**
   * Sends CTAPHID_CANCEL (CTAP 2.1 section 11.2.9.1.5) and reads until the device answers the
   * pending request (normally with CTAP2_ERR_KEEPALIVE_CANCEL) or errors, or the grace period
   * passes, so that the answer does not end up as the reply to the next call. If the grace period
   * passes first, the request is remembered as abandoned and its late answer dropped when it comes.
   */
  private CancelledException cancelAndDrain(int command) throws TransportException {
    int channel = init.channelId();
    writeReport(cancelPacket());
    Deadline grace = Deadline.after(ticker, CANCEL_GRACE);
    CtapHidFrames.Reassembly late = null;
    boolean answered = false;
    while (!answered && !grace.hasPassed()) {
      byte[] packet = readReport(grace.remaining());
      if (packet.length == 0 || CtapHidFrames.cid(packet) != channel) {
        continue;
      }
      if (late != null && !CtapHidFrames.isInit(packet)) {
        answered = !late.accept(packet) || late.isComplete();
        continue;
      }
      if (late == null && dropIfStale(packet, command)) {
        continue;
      }
      if (!CtapHidFrames.isInit(packet)) {
        continue;
      }
      int replyCommand = CtapHidFrames.command(packet);
      if (replyCommand == CtapHidCommand.ERROR) {
        answered = true;
      } else if (replyCommand == command) {
        if (command == CtapHidCommand.CBOR
            && CtapHidFrames.messageLength(packet) >= 1
            && (packet[7] & 0xFF) == KEEPALIVE_CANCEL) {
          answered = true;
        } else {
          late = startMessage(packet);
          answered = late.isComplete();
        }
      }
    }
    if (answered) {
      LOG.debug("{}: request {} cancelled", describe(), CtapHidCommand.name(command));
    } else {
      abandoned = command;
      LOG.debug(
          "{}: request {} cancelled; the key did not acknowledge within {} ms, so its late answer"
              + " will be dropped",
          describe(),
          CtapHidCommand.name(command),
          CANCEL_GRACE.toMillis());
    }
    return new CancelledException();
  }

  private TransportException timedOut(int command, Duration timeout, KeepaliveStatus last) {
    // Stop the device waiting (e.g. for a touch); its late answer is dropped by the next call.
    abandoned = command;
    try {
      writeReport(cancelPacket());
    } catch (TransportException e) {
      LOG.debug("Could not send CANCEL after a timeout", e);
    }
    String seconds = String.format("%.1f s", timeout.toMillis() / 1000.0);
    if (last == KeepaliveStatus.UP_NEEDED) {
      return new TransportException(
          "Timed out after "
              + seconds
              + " waiting for you to touch the key. Try again and touch it when it blinks.");
    }
    return new TransportException(
        String.format(
            "%s did not answer the %s request within %s; re-insert the key and try again.",
            describe(), CtapHidCommand.name(command), seconds));
  }

  private byte[] cancelPacket() {
    return CtapHidFrames.fragment(init.channelId(), CtapHidCommand.CANCEL, new byte[0]).get(0);
  }

  // ---------------------------------------------------------------- wire

  private void writeReport(byte[] packet) throws TransportException {
    ensureOpen();
    try {
      connection.write(packet);
    } catch (TransportException | RuntimeException e) {
      throw disconnected(e);
    }
  }

  /** One report, or an empty array when {@code timeout} passed; anything but 64 bytes fails. */
  private byte[] readReport(Duration timeout) throws TransportException {
    ensureOpen();
    byte[] packet;
    try {
      packet = connection.read(timeout);
    } catch (TransportException | RuntimeException e) {
      throw disconnected(e);
    }
    if (packet.length != 0 && packet.length != HidConnection.REPORT_SIZE) {
      throw new TransportException(
          String.format(
              "%s sent a %d-byte report where CTAPHID uses %d bytes. Is it a FIDO security key?"
                  + " Re-insert it and try again.",
              describe(), packet.length, HidConnection.REPORT_SIZE));
    }
    return packet;
  }

  private TransportException disconnected(Exception cause) {
    if (cause instanceof DeviceUnavailableException unavailable && !closed.get()) {
      return unavailable;
    }
    if (closed.get()) {
      return new TransportException(
          "The connection to " + describe() + " was closed while a command was running.", cause);
    }
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new TransportException(
        "The key was disconnected ("
            + describe()
            + ": "
            + detail
            + "); re-insert it and try again.",
        cause);
  }

  private void ensureOpen() throws TransportException {
    if (closed.get()) {
      throw new TransportException(
          "The connection to " + describe() + " is closed; open the device again.");
    }
  }

  private void pause(Duration duration) throws TransportException {
    try {
      ticker.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("Interrupted while waiting for a busy key.", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void requirePositive(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }
}
