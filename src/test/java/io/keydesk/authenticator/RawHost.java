package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.HidConnection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Drives a responder with raw reports built by CtapHidFrames, and collects what it sends. */
final class RawHost implements ReportSink {
  static final HexFormat HEX = HexFormat.of();
  private final CtapHidResponder responder;
  private final BlockingQueue<byte[]> output = new LinkedBlockingQueue<>();

  RawHost(CtapHidResponder responder) {
    this.responder = responder;
    responder.addSink(this);
  }

  @Override
  public void send(byte[] report) {
    output.add(report);
  }

  /** Sends every packet of a message. */
  void write(int cid, int command, byte[] payload) {
    CtapHidFrames.fragment(cid, command, payload).forEach(responder::receive);
  }

  void writePacket(byte[] packet) {
    responder.receive(packet);
  }

  /** The next report; fails after 5 s. */
  byte[] next() {
    try {
      byte[] report = output.poll(5, TimeUnit.SECONDS);
      if (report == null) {
        fail("the responder sent nothing within 5 s");
      }
      return report;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts the next reports are exactly the packets of this message. */
  void expect(int cid, int command, byte[] payload) {
    for (byte[] packet : CtapHidFrames.fragment(cid, command, payload)) {
      assertThat(HEX.formatHex(next())).isEqualTo(HEX.formatHex(packet));
    }
  }

  void expectError(int cid, int code) {
    expect(cid, CtapHidCommand.ERROR, new byte[] {(byte) code});
  }

  void expectKeepalive(int cid, int status) {
    expect(cid, CtapHidCommand.KEEPALIVE, new byte[] {(byte) status});
  }

  void expectNothingQueued() {
    assertThat(output).as("reports sent").isEmpty();
  }

  /** Allocates a channel with INIT on the broadcast channel and returns its CID. */
  int allocate() {
    byte[] nonce = HEX.parseHex("0102030405060708");
    write(CtapHidCommand.BROADCAST_CID, CtapHidCommand.INIT, nonce);
    byte[] reply = next();
    assertThat(CtapHidFrames.command(reply)).isEqualTo(CtapHidCommand.INIT);
    return CtapHidFrames.cid(reply, 15);
  }

  /** Reassembles the next message (skipping nothing) and returns command + payload. */
  Message nextMessage() {
    byte[] first = next();
    CtapHidFrames.Reassembly reassembly =
        new CtapHidFrames.Reassembly(first, CtapHidFrames.MAX_MESSAGE);
    while (!reassembly.isComplete()) {
      assertThat(reassembly.accept(next())).isTrue();
    }
    return new Message(reassembly.cid(), reassembly.command(), reassembly.payload());
  }

  /** Skips keepalives, counting them, until another message arrives. */
  List<Message> untilNotKeepalive() {
    List<Message> messages = new ArrayList<>();
    Message message;
    do {
      message = nextMessage();
      messages.add(message);
    } while (message.command() == CtapHidCommand.KEEPALIVE);
    return messages;
  }

  record Message(int cid, int command, byte[] payload) {}

  static byte[] bytes(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 7 + 3);
    }
    return data;
  }

  static int reportSize() {
    return HidConnection.REPORT_SIZE;
  }
}
