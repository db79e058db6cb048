package io.keydesk.authenticator;

import io.keydesk.hid.HidConnection;
import io.keydesk.hid.TransportException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HidConnection} to an in-process {@link CtapHidResponder}: writes go straight to the
 * responder, its input reports queue up here. Like a hidraw handle, every open connection to the
 * same responder sees every input report; the host filters by channel.
 */
public final class InMemoryConnection implements HidConnection {
  private final CtapHidResponder responder;
  private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
  private final ReportSink sink = input::add;
  private final String description;
  private volatile boolean closed;

  public InMemoryConnection(CtapHidResponder responder, String description) {
    this.responder = responder;
    this.description = description;
    responder.addSink(sink);
  }

  @Override
  public void write(byte[] report) throws TransportException {
    ensureOpen();
    if (report.length != REPORT_SIZE) {
      throw new IllegalArgumentException(
          "HID reports have " + REPORT_SIZE + " bytes, not " + report.length);
    }
    responder.receive(report);
  }

  @Override
  public byte[] read(Duration timeout) throws TransportException {
    ensureOpen();
    try {
      byte[] report = input.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
      return report == null ? new byte[0] : report;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("Interrupted while waiting for " + description + ".", e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    closed = true;
    responder.removeSink(sink);
  }

  private void ensureOpen() throws TransportException {
    if (closed) {
      throw new TransportException(
          "The connection to " + description + " is closed; open a new one.");
    }
  }
}
