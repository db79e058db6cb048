package io.keydesk.authenticator;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidError;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.HidConnection;
import io.keydesk.hid.KeepaliveStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device side of CTAPHID (CTAP 2.1 section 11.2): takes the host's 64-byte output reports via
 * {@link #receive(byte[])} and emits 64-byte input reports to every attached {@link ReportSink}.
 *
 * <p>Behaviour, one transaction at a time for the whole device (section 11.2.5):
 *
 * <ul>
 *   <li>INIT on the broadcast channel allocates a channel; INIT on an allocated channel
 *       re-synchronises it, aborting its pending transaction. INIT is served even while another
 *       channel is busy or holds the lock. The reply echoes the nonce and reports protocol version
 *       2, {@link ResponderOptions#version()} and capabilities WINK|CBOR (no CBOR for a U2F-only
 *       handler; |NMSG when the handler has no CTAPHID_MSG).
 *   <li>PING echoes, WINK tells the wink listener, LOCK (section 11.2.9.2.2; 0..10 seconds, 0
 *       releases) makes every other channel get ERROR CHANNEL_BUSY until it expires (the
 *       specification says only that they "fail"; CHANNEL_BUSY is what they can retry on).
 *   <li>CBOR and MSG run on a worker thread through the {@link CommandHandler}; CBOR requests get
 *       KEEPALIVE every keepalive interval (PROCESSING, or UP_NEEDED while the handler waits for
 *       user presence). CANCEL on the request's channel aborts a wait for user presence; CANCEL is
 *       never answered itself.
 *   <li>Errors: an unknown command gets INVALID_CMD; a BCNT above the maximum message size, or a
 *       wrong length for INIT/LOCK, INVALID_LEN; a bad LOCK time INVALID_PAR; a continuation out of
 *       sequence or a new request on a channel whose message is incomplete INVALID_SEQ; a missing
 *       continuation after the message timeout MSG_TIMEOUT; any request while another channel's
 *       transaction is pending (or another request on the busy channel) CHANNEL_BUSY; CID 0, an
 *       unallocated CID, or anything but INIT on the broadcast channel INVALID_CHANNEL.
 *       Continuation packets that belong to no message being received are ignored.
 * </ul>
 *
 * <p>Channel IDs are allocated in sequence from 1, so transcripts are reproducible. All timing
 * comes from the injected {@link Scheduler}. Thread-safe: state changes and output happen under one
 * lock, so reports of one message are never interleaved with another.
 */
public final class CtapHidResponder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CtapHidResponder.class);

  /** CTAPHID protocol version in the INIT response (CTAP 2.1 section 11.2.9.1.3). */
  public static final int PROTOCOL_VERSION = 2;

  /** The longest CTAPHID_LOCK, in seconds (CTAP 2.1 section 11.2.9.2.2). */
  public static final int MAX_LOCK_SECONDS = 10;

  private static final int NONCE_LENGTH = 8;
  private static final int FIRST_CID = 1;

  private final CommandHandler handler;
  private final UserPresence userPresence;
  private final ResponderOptions options;
  private final Scheduler scheduler;
  private final ExecutorService worker;
  private final List<ReportSink> sinks = new CopyOnWriteArrayList<>();
  private final List<Runnable> winkListeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  // Guarded by lock.
  private int nextCid = FIRST_CID;
  private Incoming incoming;
  private Pending pending;
  private int lockedCid;
  private Scheduler.Task lockRelease;
  private boolean closed;

  /**
   * @param scheduler owned by the caller, who closes it after this responder
   */
  public CtapHidResponder(
      CommandHandler handler,
      UserPresence userPresence,
      ResponderOptions options,
      Scheduler scheduler) {
    this.handler = handler;
    this.userPresence = userPresence;
    this.options = options;
    this.scheduler = scheduler;
    this.worker =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "keydesk-authenticator-worker");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts sending input reports to {@code sink} as well. */
  public void addSink(ReportSink sink) {
    sinks.add(sink);
  }

  public void removeSink(ReportSink sink) {
    sinks.remove(sink);
  }

  /** Called on every CTAPHID_WINK (CTAP 2.1 section 11.2.9.2.1), on the receiving thread. */
  public void addWinkListener(Runnable listener) {
    winkListeners.add(listener);
  }

  public ResponderOptions options() {
    return options;
  }

  /** The INIT capability flags this responder advertises. */
  public int capabilities() {
    int flags =
        handler.supportsCbor()
            ? CtapHidCommand.CAPABILITY_WINK | CtapHidCommand.CAPABILITY_CBOR
            : CtapHidCommand.CAPABILITY_WINK;
    return handler.supportsMsg() ? flags : flags | CtapHidCommand.CAPABILITY_NMSG;
  }

  /**
   * Handles one output report of the host. Reports that are not 64 bytes long are dropped (a real
   * HID endpoint cannot deliver them).
   */
  public void receive(byte[] report) {
    if (report.length != HidConnection.REPORT_SIZE) {
      LOG.debug("Ignoring a report of {} bytes; CTAPHID reports are 64 bytes", report.length);
      return;
    }
    byte[] packet = report.clone();
    synchronized (lock) {
      if (closed) {
        return;
      }
      int cid = CtapHidFrames.cid(packet);
      if (CtapHidFrames.isInit(packet)) {
        onInitPacket(cid, packet);
      } else {
        onContinuation(cid, packet);
      }
    }
  }

  private void onInitPacket(int cid, byte[] packet) {
    int command = CtapHidFrames.command(packet);
    boolean broadcast = cid == CtapHidCommand.BROADCAST_CID;
    if (cid == 0
        || (broadcast && command != CtapHidCommand.INIT)
        || (!broadcast && !allocated(cid))) {
      sendError(cid, CtapHidError.INVALID_CHANNEL);
      return;
    }
    if (command == CtapHidCommand.INIT) {
      onInit(cid, packet);
      return;
    }
    if (command == CtapHidCommand.CANCEL) {
      if (pending != null && pending.cid == cid) {
        pending.cancel();
      }
      return; // CANCEL is never answered (CTAP 2.1 section 11.2.9.1.5)
    }
    if (incoming != null && incoming.cid == cid) {
      abortIncoming();
      sendError(cid, CtapHidError.INVALID_SEQ);
      return;
    }
    if (incoming != null || pending != null || (lockedCid != 0 && lockedCid != cid)) {
      sendError(cid, CtapHidError.CHANNEL_BUSY);
      return;
    }
    int length = CtapHidFrames.messageLength(packet);
    if (length > options.maxMessageSize()) {
      sendError(cid, CtapHidError.INVALID_LEN);
      return;
    }
    CtapHidFrames.Reassembly reassembly =
        new CtapHidFrames.Reassembly(packet, options.maxMessageSize());
    if (reassembly.isComplete()) {
      dispatch(cid, command, reassembly.payload());
    } else {
      incoming = new Incoming(reassembly);
      incoming.armTimeout();
    }
  }

  private void onContinuation(int cid, byte[] packet) {
    if (incoming == null || incoming.cid != cid) {
      LOG.debug("Ignoring a continuation packet for channel {}", hex(cid));
      return;
    }
    Incoming current = incoming;
    if (!current.reassembly.accept(packet)) {
      abortIncoming();
      sendError(cid, CtapHidError.INVALID_SEQ);
      return;
    }
    if (current.reassembly.isComplete()) {
      abortIncoming();
      dispatch(cid, current.reassembly.command(), current.reassembly.payload());
    } else {
      current.armTimeout();
    }
  }

  private void onInit(int cid, byte[] packet) {
    if (CtapHidFrames.messageLength(packet) != NONCE_LENGTH) {
      sendError(cid, CtapHidError.INVALID_LEN);
      return;
    }
    int channel;
    if (cid == CtapHidCommand.BROADCAST_CID) {
      channel = nextCid++;
      if (nextCid == CtapHidCommand.BROADCAST_CID) {
        nextCid = FIRST_CID; // after four billion INITs, reuse channels
      }
    } else {
      channel = cid;
      if (incoming != null && incoming.cid == cid) {
        abortIncoming();
      }
      if (pending != null && pending.cid == cid) {
        Pending aborted = pending;
        finish(aborted);
        aborted.cancel();
      }
    }
    byte[] reply = new byte[NONCE_LENGTH + 9];
    System.arraycopy(packet, 7, reply, 0, NONCE_LENGTH);
    byte[] cidBytes = new byte[4];
    CtapHidFrames.putCid(cidBytes, channel);
    System.arraycopy(cidBytes, 0, reply, NONCE_LENGTH, 4);
    reply[12] = PROTOCOL_VERSION;
    reply[13] = (byte) options.version().major();
    reply[14] = (byte) options.version().minor();
    reply[15] = (byte) options.version().build();
    reply[16] = (byte) capabilities();
    send(cid, CtapHidCommand.INIT, reply);
  }

  private boolean allocated(int cid) {
    long unsigned = cid & 0xFFFFFFFFL;
    return unsigned >= FIRST_CID && unsigned < (nextCid & 0xFFFFFFFFL);
  }

  private void dispatch(int cid, int command, byte[] payload) {
    switch (command) {
      case CtapHidCommand.PING -> send(cid, CtapHidCommand.PING, payload);
      case CtapHidCommand.WINK -> {
        winkListeners.forEach(Runnable::run);
        send(cid, CtapHidCommand.WINK, new byte[0]);
      }
      case CtapHidCommand.LOCK -> onLock(cid, payload);
      case CtapHidCommand.CBOR -> {
        if (!handler.supportsCbor()) {
          sendError(cid, CtapHidError.INVALID_CMD);
        } else if (payload.length == 0) {
          sendError(cid, CtapHidError.INVALID_LEN);
        } else {
          start(new Pending(cid, command, payload));
        }
      }
      case CtapHidCommand.MSG -> {
        if (handler.supportsMsg()) {
          start(new Pending(cid, command, payload));
        } else {
          sendError(cid, CtapHidError.INVALID_CMD);
        }
      }
      default -> sendError(cid, CtapHidError.INVALID_CMD);
    }
  }

  private void onLock(int cid, byte[] payload) {
    if (payload.length != 1) {
      sendError(cid, CtapHidError.INVALID_LEN);
      return;
    }
    int seconds = payload[0] & 0xFF;
    if (seconds > MAX_LOCK_SECONDS) {
      sendError(cid, CtapHidError.INVALID_PAR);
      return;
    }
    releaseLock();
    if (seconds > 0) {
      lockedCid = cid;
      Scheduler.Task[] task = new Scheduler.Task[1];
      task[0] =
          scheduler.schedule(
              Duration.ofSeconds(seconds),
              () -> {
                synchronized (lock) {
                  if (lockRelease == task[0]) {
                    releaseLock();
                  }
                }
              });
      lockRelease = task[0];
    }
    send(cid, CtapHidCommand.LOCK, new byte[0]);
  }

  private void releaseLock() {
    lockedCid = 0;
    if (lockRelease != null) {
      lockRelease.cancel();
      lockRelease = null;
    }
  }

  private void start(Pending request) {
    pending = request;
    if (request.command == CtapHidCommand.CBOR) {
      request.armKeepalive();
    }
    worker.execute(() -> run(request));
  }

  private void run(Pending request) {
    byte[] response;
    try {
      response =
          request.command == CtapHidCommand.CBOR
              ? handler.handleCbor(request.payload, request)
              : handler.handleMsg(request.payload, request);
    } catch (CtapException e) {
      response = new byte[] {(byte) e.status().code()};
    } catch (RuntimeException e) {
      LOG.warn("The command handler failed on channel {}", hex(request.cid), e);
      response = new byte[] {(byte) CtapStatus.OTHER.code()};
    }
    synchronized (lock) {
      if (pending == request && !closed) {
        finish(request);
        send(request.cid, request.command, response);
      } else {
        LOG.debug("Dropping the answer to an aborted request on channel {}", hex(request.cid));
      }
    }
  }

  private void finish(Pending request) {
    pending = null;
    request.stopKeepalive();
  }

  private void abortIncoming() {
    incoming.timeout.cancel();
    incoming = null;
  }

  private void sendError(int cid, CtapHidError error) {
    LOG.debug("Channel {}: ERROR {}", hex(cid), error);
    send(cid, CtapHidCommand.ERROR, new byte[] {(byte) error.code()});
  }

  private void send(int cid, int command, byte[] payload) {
    for (byte[] packet : CtapHidFrames.fragment(cid, command, payload)) {
      for (ReportSink sink : sinks) {
        try {
          sink.send(packet);
        } catch (RuntimeException e) {
          LOG.warn("A report sink failed; the host may miss a reply", e);
        }
      }
    }
  }

  private static String hex(int cid) {
    return String.format("%08X", cid);
  }

  /** Aborts any pending request and stops the worker. Does not close the scheduler. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (incoming != null) {
        abortIncoming();
      }
      if (pending != null) {
        Pending aborted = pending;
        finish(aborted);
        aborted.cancel();
      }
      releaseLock();
    }
    worker.shutdownNow();
  }

  /** A message whose continuation packets are still arriving. Guarded by lock. */
  private final class Incoming {
    final int cid;
    final CtapHidFrames.Reassembly reassembly;
    Scheduler.Task timeout = () -> {};

    Incoming(CtapHidFrames.Reassembly reassembly) {
      this.cid = reassembly.cid();
      this.reassembly = reassembly;
    }

    void armTimeout() {
      timeout.cancel();
      timeout =
          scheduler.schedule(
              options.messageTimeout(),
              () -> {
                synchronized (lock) {
                  if (incoming == this) {
                    incoming = null;
                    sendError(cid, CtapHidError.MSG_TIMEOUT);
                  }
                }
              });
    }
  }

  /** The outcome of a wait for user presence. */
  private enum Presence {
    APPROVED,
    DENIED,
    CANCELLED,
    TIMED_OUT
  }

  /** A request handed to the command handler; also its {@link RequestContext}. */
  private final class Pending implements RequestContext {
    final int cid;
    final int command;
    final byte[] payload;
    // Guarded by lock.
    KeepaliveStatus status = KeepaliveStatus.PROCESSING;
    Scheduler.Task keepalive = () -> {};
    CompletableFuture<Presence> waiting;
    volatile boolean cancelled;

    Pending(int cid, int command, byte[] payload) {
      this.cid = cid;
      this.command = command;
      this.payload = payload;
    }

    @Override
    public int channelId() {
      return cid;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    /** Called under lock. */
    void cancel() {
      cancelled = true;
      if (waiting != null) {
        waiting.complete(Presence.CANCELLED);
      }
    }

    /** Called under lock. */
    void armKeepalive() {
      keepalive.cancel();
      keepalive = scheduler.schedule(options.keepaliveInterval(), this::tick);
    }

    /** Called under lock. */
    void stopKeepalive() {
      keepalive.cancel();
    }

    private void tick() {
      synchronized (lock) {
        if (pending == this && !closed) {
          armKeepalive();
          sendKeepalive();
        }
      }
    }

    private void sendKeepalive() {
      send(cid, CtapHidCommand.KEEPALIVE, new byte[] {(byte) status.code()});
    }

    @Override
    public boolean requestUserPresence() throws CtapException {
      CompletableFuture<Presence> outcome = new CompletableFuture<>();
      Scheduler.Task timeout;
      synchronized (lock) {
        if (cancelled || pending != this) {
          throw new CtapException(CtapStatus.KEEPALIVE_CANCEL);
        }
        waiting = outcome;
        status = KeepaliveStatus.UP_NEEDED;
        // Timers first, then output: whoever sees the keepalive sees the timers armed.
        timeout =
            scheduler.schedule(
                options.userPresenceTimeout(), () -> outcome.complete(Presence.TIMED_OUT));
        if (command == CtapHidCommand.CBOR) {
          armKeepalive();
          sendKeepalive(); // at once, so the host can prompt for a touch without delay
        }
      }
      int ctapCommand = command == CtapHidCommand.CBOR ? payload[0] & 0xFF : -1;
      CompletableFuture<Boolean> decision;
      try {
        decision = userPresence.request(new UserPresence.Request(cid, ctapCommand, scheduler));
      } catch (RuntimeException e) {
        LOG.warn("The user-presence policy failed; treating it as a denial", e);
        decision = CompletableFuture.completedFuture(false);
      }
      decision.whenComplete(
          (approved, error) ->
              outcome.complete(
                  error == null && Boolean.TRUE.equals(approved)
                      ? Presence.APPROVED
                      : Presence.DENIED));
      Presence result;
      try {
        result = outcome.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result = Presence.CANCELLED;
      } catch (ExecutionException e) {
        result = Presence.DENIED; // not reached: outcome never completes exceptionally
      } finally {
        timeout.cancel();
        decision.cancel(true);
        synchronized (lock) {
          waiting = null;
          status = KeepaliveStatus.PROCESSING;
        }
      }
      LOG.debug("User presence on channel {}: {}", hex(cid), result);
      return switch (result) {
        case APPROVED -> true;
        case DENIED -> false;
        case CANCELLED -> throw new CtapException(CtapStatus.KEEPALIVE_CANCEL);
        case TIMED_OUT -> throw new CtapException(CtapStatus.USER_ACTION_TIMEOUT);
      };
    }
  }
}
