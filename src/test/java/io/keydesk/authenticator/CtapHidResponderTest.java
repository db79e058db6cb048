package io.keydesk.authenticator;

import static io.keydesk.authenticator.RawHost.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidError;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.KeepaliveStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CtapHidResponderTest {
  private static final int BROADCAST = CtapHidCommand.BROADCAST_CID;
  private static final byte[] SELECTION = {(byte) CtapCommand.SELECTION};
  private static final byte[] GET_INFO = {(byte) CtapCommand.GET_INFO};
  private static final int UP_NEEDED = KeepaliveStatus.UP_NEEDED.code();

  private final ManualScheduler clock = new ManualScheduler();

  /** The presence decision of the current test; completed by the test. */
  private volatile CompletableFuture<Boolean> touch = new CompletableFuture<>();

  private final AtomicInteger presenceRequests = new AtomicInteger();
  private CtapHidResponder responder;
  private RawHost host;

  private void start(ResponderOptions options) {
    start(options, new BasicCtap2Handler(AuthenticatorInfo.keydeskDefaults(aaguid())));
  }

  private void start(ResponderOptions options, CommandHandler handler) {
    UserPresence presence =
        request -> {
          presenceRequests.incrementAndGet();
          return touch;
        };
    responder = new CtapHidResponder(handler, presence, options, clock);
    host = new RawHost(responder);
  }

  private static Bytes aaguid() {
    return AuthenticatorState.KEYDESK_AAGUID;
  }

  @AfterEach
  void close() {
    if (responder != null) {
      responder.close();
    }
  }

  /** INIT reply: nonce, CID, protocol 2, version 1.0.0, capabilities WINK|CBOR|NMSG (0x0d). */
  private static byte[] initReply(String nonce, String cid) {
    return HEX.parseHex(nonce + cid + "02" + "010000" + "0d");
  }

  @Test
  void initOnBroadcastAllocatesChannelsAndEchoesTheNonce() {
    start(ResponderOptions.defaults());
    host.write(BROADCAST, CtapHidCommand.INIT, HEX.parseHex("a1a2a3a4a5a6a7a8"));
    byte[] reply = host.next();
    assertThat(HEX.formatHex(reply))
        .isEqualTo(
            "ffffffff"
                + "86"
                + "0011"
                + "a1a2a3a4a5a6a7a8"
                + "00000001"
                + "02010000"
                + "0d"
                + "00".repeat(64 - 24));
    host.write(BROADCAST, CtapHidCommand.INIT, HEX.parseHex("0000000000000001"));
    host.expect(BROADCAST, CtapHidCommand.INIT, initReply("0000000000000001", "00000002"));
  }

  @Test
  void initOnAnAllocatedChannelKeepsItsId() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.INIT, HEX.parseHex("1111111111111111"));
    host.expect(cid, CtapHidCommand.INIT, initReply("1111111111111111", "00000001"));
  }

  @Test
  void initWithoutAnEightByteNonceIsInvalidLength() {
    start(ResponderOptions.defaults());
    host.write(BROADCAST, CtapHidCommand.INIT, new byte[4]);
    host.expectError(BROADCAST, CtapHidError.INVALID_LEN.code());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 57, 58, 7609})
  void pingEchoesEveryLength(int length) {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    byte[] data = RawHost.bytes(length);
    host.write(cid, CtapHidCommand.PING, data);
    host.expect(cid, CtapHidCommand.PING, data); // exact packets, reassembled by the device
    host.expectNothingQueued();
  }

  @Test
  void unknownCommandsAndMsgWithoutU2fAreInvalidCommand() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.write(cid, 0x22, new byte[0]);
    host.expectError(cid, CtapHidError.INVALID_CMD.code());
    host.write(cid, CtapHidCommand.MSG, HEX.parseHex("00030000"));
    host.expectError(cid, CtapHidError.INVALID_CMD.code());
    host.write(cid, CtapHidCommand.KEEPALIVE, new byte[] {1});
    host.expectError(cid, CtapHidError.INVALID_CMD.code());
  }

  @Test
  void declaredLengthAboveTheMaximumIsInvalidLength() {
    start(ResponderOptions.defaults().withMaxMessageSize(1024));
    int cid = host.allocate();
    byte[] packet = CtapHidFrames.fragment(cid, CtapHidCommand.PING, new byte[10]).get(0);
    packet[5] = 0x04; // BCNT 1025
    packet[6] = 0x01;
    host.writePacket(packet);
    host.expectError(cid, CtapHidError.INVALID_LEN.code());
    packet[5] = (byte) 0xFF; // BCNT 65535: above what CTAPHID can carry at all
    packet[6] = (byte) 0xFF;
    host.writePacket(packet);
    host.expectError(cid, CtapHidError.INVALID_LEN.code());
    host.write(cid, CtapHidCommand.CBOR, new byte[0]);
    host.expectError(cid, CtapHidError.INVALID_LEN.code());
  }

  @Test
  void continuationOutOfSequenceIsInvalidSeq() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    List<byte[]> packets = CtapHidFrames.fragment(cid, CtapHidCommand.PING, RawHost.bytes(200));
    host.writePacket(packets.get(0));
    host.writePacket(packets.get(2)); // seq 1 where 0 is due
    host.expectError(cid, CtapHidError.INVALID_SEQ.code());
    host.writePacket(packets.get(1)); // the message was dropped: a stray continuation is ignored
    host.expectNothingQueued();
    host.write(cid, CtapHidCommand.PING, HEX.parseHex("abcd"));
    host.expect(cid, CtapHidCommand.PING, HEX.parseHex("abcd"));
  }

  @Test
  void aNewRequestOnAChannelWithAnIncompleteMessageIsInvalidSeq() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.writePacket(CtapHidFrames.fragment(cid, CtapHidCommand.PING, RawHost.bytes(100)).get(0));
    host.write(cid, CtapHidCommand.PING, new byte[1]);
    host.expectError(cid, CtapHidError.INVALID_SEQ.code());
  }

  @Test
  void missingContinuationTimesOut() {
    start(ResponderOptions.defaults().withMessageTimeout(Duration.ofMillis(500)));
    int cid = host.allocate();
    List<byte[]> packets = CtapHidFrames.fragment(cid, CtapHidCommand.PING, RawHost.bytes(200));
    host.writePacket(packets.get(0));
    clock.advance(Duration.ofMillis(499));
    host.writePacket(packets.get(1)); // each continuation restarts the timeout
    clock.advance(Duration.ofMillis(499));
    host.expectNothingQueued();
    clock.advance(Duration.ofMillis(1));
    host.expectError(cid, CtapHidError.MSG_TIMEOUT.code());
    host.writePacket(packets.get(2)); // too late: ignored
    host.expectNothingQueued();
    host.write(cid, CtapHidCommand.PING, HEX.parseHex("01"));
    host.expect(cid, CtapHidCommand.PING, HEX.parseHex("01"));
  }

  @Test
  void anotherChannelIsBusyWhileAMessageArrives() {
    start(ResponderOptions.defaults());
    int first = host.allocate();
    int second = host.allocate();
    List<byte[]> packets = CtapHidFrames.fragment(first, CtapHidCommand.PING, RawHost.bytes(100));
    host.writePacket(packets.get(0));
    host.write(second, CtapHidCommand.PING, HEX.parseHex("02"));
    host.expectError(second, CtapHidError.CHANNEL_BUSY.code());
    host.writePacket(packets.get(1));
    host.expect(first, CtapHidCommand.PING, RawHost.bytes(100));
  }

  @Test
  void anotherChannelIsBusyWhileARequestWaitsForPresence() {
    start(ResponderOptions.defaults());
    int first = host.allocate();
    int second = host.allocate();
    host.write(first, CtapHidCommand.CBOR, SELECTION);
    host.expectKeepalive(first, UP_NEEDED);
    host.write(second, CtapHidCommand.CBOR, GET_INFO);
    host.expectError(second, CtapHidError.CHANNEL_BUSY.code());
    host.write(first, CtapHidCommand.PING, HEX.parseHex("03")); // even the busy channel itself
    host.expectError(first, CtapHidError.CHANNEL_BUSY.code());
    host.write(BROADCAST, CtapHidCommand.INIT, HEX.parseHex("0909090909090909"));
    host.expect(BROADCAST, CtapHidCommand.INIT, initReply("0909090909090909", "00000003"));
    touch.complete(true);
    host.expect(first, CtapHidCommand.CBOR, new byte[] {0x00});
  }

  @Test
  void invalidChannels() {
    start(ResponderOptions.defaults());
    host.write(0, CtapHidCommand.PING, HEX.parseHex("01"));
    host.expectError(0, CtapHidError.INVALID_CHANNEL.code());
    host.write(0x12345678, CtapHidCommand.PING, HEX.parseHex("01"));
    host.expectError(0x12345678, CtapHidError.INVALID_CHANNEL.code());
    host.write(0x12345678, CtapHidCommand.INIT, new byte[8]);
    host.expectError(0x12345678, CtapHidError.INVALID_CHANNEL.code());
    host.write(BROADCAST, CtapHidCommand.PING, HEX.parseHex("01"));
    host.expectError(BROADCAST, CtapHidError.INVALID_CHANNEL.code());
  }

  @Test
  void keepaliveUpNeededEveryIntervalWhileWaitingForPresence() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, SELECTION);
    host.expectKeepalive(cid, UP_NEEDED); // at once
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMillis(99));
      host.expectNothingQueued();
      clock.advance(Duration.ofMillis(1));
      host.expectKeepalive(cid, UP_NEEDED);
    }
    touch.complete(true);
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {0x00});
    clock.advance(Duration.ofSeconds(1));
    host.expectNothingQueued();
    assertThat(clock.pending()).isZero();
    assertThat(presenceRequests).hasValue(1);
  }

  @Test
  void keepaliveProcessingWhileTheHandlerWorks() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    start(
        ResponderOptions.defaults(),
        (request, context) -> {
          release.join();
          return new byte[] {0x00};
        });
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, GET_INFO);
    clock.advance(Duration.ofMillis(100));
    host.expectKeepalive(cid, KeepaliveStatus.PROCESSING.code());
    clock.advance(Duration.ofMillis(100));
    host.expectKeepalive(cid, KeepaliveStatus.PROCESSING.code());
    release.complete(null);
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {0x00});
  }

  @Test
  void keepalivesInRealTime() {
    responder =
        new CtapHidResponder(
            new BasicCtap2Handler(AuthenticatorInfo.keydeskDefaults(aaguid())),
            UserPresence.approveAfter(Duration.ofMillis(1000)),
            ResponderOptions.defaults(),
            realClock);
    host = new RawHost(responder);
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, SELECTION);
    List<RawHost.Message> messages = host.untilNotKeepalive();
    RawHost.Message last = messages.get(messages.size() - 1);
    assertThat(last.command()).isEqualTo(CtapHidCommand.CBOR);
    assertThat(last.payload()).containsExactly(0x00);
    // UP_NEEDED while waiting; a PROCESSING tick may slip in before the handler asks for
    // presence (slow worker) and between the touch and the answer. How many ticks fit in the
    // wait depends on the real scheduler; keepaliveUpNeededEveryIntervalWhileWaitingForPresence
    // counts them.
    String statuses =
        messages.subList(0, messages.size() - 1).stream()
            .map(m -> String.valueOf(m.payload()[0]))
            .reduce("", String::concat);
    assertThat(statuses).matches("1*2+1*");
  }

  private final Scheduler.SystemScheduler realClock = Scheduler.system("test-clock");

  @AfterEach
  void closeRealClock() {
    realClock.close();
  }

  @Test
  void cancelAbortsTheWaitWithKeepaliveCancel() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, SELECTION);
    host.expectKeepalive(cid, UP_NEEDED);
    host.write(cid, CtapHidCommand.CANCEL, new byte[0]);
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {(byte) CtapStatus.KEEPALIVE_CANCEL.code()});
    assertThat(touch).isCancelled(); // the policy is told to stop asking
    host.write(cid, CtapHidCommand.CANCEL, new byte[0]); // nothing pending: no answer at all
    host.write(cid, CtapHidCommand.PING, HEX.parseHex("07"));
    host.expect(cid, CtapHidCommand.PING, HEX.parseHex("07"));
  }

  @Test
  void cancelFromAnotherChannelIsIgnored() {
    start(ResponderOptions.defaults());
    int first = host.allocate();
    int second = host.allocate();
    host.write(first, CtapHidCommand.CBOR, SELECTION);
    host.expectKeepalive(first, UP_NEEDED);
    host.write(second, CtapHidCommand.CANCEL, new byte[0]);
    host.expectNothingQueued();
    touch.complete(true);
    host.expect(first, CtapHidCommand.CBOR, new byte[] {0x00});
  }

  @Test
  void presenceTimeoutIsUserActionTimeout() {
    start(ResponderOptions.defaults().withUserPresenceTimeout(Duration.ofMillis(250)));
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, SELECTION);
    host.expectKeepalive(cid, UP_NEEDED);
    clock.advance(Duration.ofMillis(250));
    host.expectKeepalive(cid, UP_NEEDED);
    host.expectKeepalive(cid, UP_NEEDED);
    host.expect(
        cid, CtapHidCommand.CBOR, new byte[] {(byte) CtapStatus.USER_ACTION_TIMEOUT.code()});
  }

  @Test
  void deniedPresenceIsOperationDenied() {
    start(ResponderOptions.defaults());
    touch.complete(false);
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, SELECTION);
    host.expectKeepalive(cid, UP_NEEDED);
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {(byte) CtapStatus.OPERATION_DENIED.code()});
  }

  @Test
  void initOnTheBusyChannelAbortsItsRequest() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, SELECTION);
    host.expectKeepalive(cid, UP_NEEDED);
    host.write(cid, CtapHidCommand.INIT, HEX.parseHex("2222222222222222"));
    host.expect(cid, CtapHidCommand.INIT, initReply("2222222222222222", "00000001"));
    // the worker cancels the policy's future as it leaves the wait
    assertThatThrownBy(() -> touch.get(5, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    clock.advance(Duration.ofSeconds(1)); // no keepalive for the aborted request
    host.write(cid, CtapHidCommand.PING, HEX.parseHex("08"));
    host.expect(cid, CtapHidCommand.PING, HEX.parseHex("08"));
    host.expectNothingQueued();
  }

  @Test
  void lockKeepsOtherChannelsOutUntilItExpires() {
    start(ResponderOptions.defaults());
    int owner = host.allocate();
    int other = host.allocate();
    host.write(owner, CtapHidCommand.LOCK, new byte[] {5});
    host.expect(owner, CtapHidCommand.LOCK, new byte[0]);
    host.write(other, CtapHidCommand.PING, HEX.parseHex("01"));
    host.expectError(other, CtapHidError.CHANNEL_BUSY.code());
    host.write(owner, CtapHidCommand.PING, HEX.parseHex("02"));
    host.expect(owner, CtapHidCommand.PING, HEX.parseHex("02"));
    clock.advance(Duration.ofMillis(4999));
    host.write(other, CtapHidCommand.PING, HEX.parseHex("03"));
    host.expectError(other, CtapHidError.CHANNEL_BUSY.code());
    clock.advance(Duration.ofMillis(1));
    host.write(other, CtapHidCommand.PING, HEX.parseHex("04"));
    host.expect(other, CtapHidCommand.PING, HEX.parseHex("04"));
  }

  @Test
  void lockZeroReleasesAndBadLocksAreRejected() {
    start(ResponderOptions.defaults());
    int owner = host.allocate();
    int other = host.allocate();
    host.write(owner, CtapHidCommand.LOCK, new byte[] {10});
    host.expect(owner, CtapHidCommand.LOCK, new byte[0]);
    host.write(owner, CtapHidCommand.LOCK, new byte[] {0});
    host.expect(owner, CtapHidCommand.LOCK, new byte[0]);
    host.write(other, CtapHidCommand.PING, HEX.parseHex("01"));
    host.expect(other, CtapHidCommand.PING, HEX.parseHex("01"));
    host.write(owner, CtapHidCommand.LOCK, new byte[] {11});
    host.expectError(owner, CtapHidError.INVALID_PAR.code());
    host.write(owner, CtapHidCommand.LOCK, new byte[] {1, 2});
    host.expectError(owner, CtapHidError.INVALID_LEN.code());
  }

  @Test
  void winkNotifiesTheListener() {
    start(ResponderOptions.defaults());
    AtomicInteger winks = new AtomicInteger();
    responder.addWinkListener(winks::incrementAndGet);
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.WINK, new byte[0]);
    host.expect(cid, CtapHidCommand.WINK, new byte[0]);
    assertThat(winks).hasValue(1);
  }

  @Test
  void getInfoAnswersTheKeyDeskMap() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, GET_INFO);
    String expected =
        "00"
            + "a9"
            + "01 82 68 4649444f5f325f30 68 4649444f5f325f31"
            + "02 80"
            + "03 50 83d56a1a042a45e2ba464e6f5a3a1acd"
            + "04 a3 62 726b f5 62 7570 f5 64 706c6174 f4"
            + "05 19 04b0"
            + "06 82 02 01"
            + "07 08"
            + "08 18 80"
            + "09 81 63 757362";
    RawHost.Message reply = host.nextMessage();
    assertThat(reply.command()).isEqualTo(CtapHidCommand.CBOR);
    assertThat(HEX.formatHex(reply.payload())).isEqualTo(expected.replace(" ", ""));
  }

  @Test
  void otherCtapCommandsAreInvalidCommand() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    host.write(
        cid, CtapHidCommand.CBOR, new byte[] {(byte) CtapCommand.MAKE_CREDENTIAL, (byte) 0xa0});
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {0x01});
    host.write(cid, CtapHidCommand.CBOR, new byte[] {(byte) 0x55});
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {0x01});
  }

  @Test
  void cborAboveMaxMsgSizeIsRequestTooLarge() {
    start(ResponderOptions.defaults());
    int cid = host.allocate();
    byte[] request = new byte[AuthenticatorInfo.MAX_MSG_SIZE + 1];
    request[0] = (byte) CtapCommand.GET_INFO;
    host.write(cid, CtapHidCommand.CBOR, request);
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {(byte) CtapStatus.REQUEST_TOO_LARGE.code()});
  }

  @Test
  void handlerFailuresAnswerStatusOther() {
    start(
        ResponderOptions.defaults(),
        (request, context) -> {
          throw new IllegalStateException("bug");
        });
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.CBOR, GET_INFO);
    host.expect(cid, CtapHidCommand.CBOR, new byte[] {0x7f});
  }

  @Test
  void aU2fHandlerGetsMsgAndNoNmsgCapability() {
    CommandHandler u2f =
        new CommandHandler() {
          @Override
          public byte[] handleCbor(byte[] request, RequestContext context) throws CtapException {
            throw new CtapException(CtapStatus.INVALID_COMMAND);
          }

          @Override
          public boolean supportsMsg() {
            return true;
          }

          @Override
          public byte[] handleMsg(byte[] apdu, RequestContext context) {
            return HEX.parseHex("5532465f56329000"); // "U2F_V2", SW 9000
          }
        };
    start(ResponderOptions.defaults(), u2f);
    assertThat(responder.capabilities()).isEqualTo(0x05);
    int cid = host.allocate();
    host.write(cid, CtapHidCommand.MSG, HEX.parseHex("0003000000"));
    host.expect(cid, CtapHidCommand.MSG, HEX.parseHex("5532465f56329000"));
  }

  @Test
  void reportsOfTheWrongSizeAreDropped() {
    start(ResponderOptions.defaults());
    responder.receive(new byte[65]);
    host.expectNothingQueued();
  }
}
