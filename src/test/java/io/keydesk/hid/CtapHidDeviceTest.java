package io.keydesk.hid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CTAPHID host side against scripted transcripts (CTAP 2.1 section 11.2). */
class CtapHidDeviceTest {
  // ----------------------------------------------------------------- transcripts (hex, padded)
  static final byte[] NONCE = HexFormat.of().parseHex("0102030405060708");
  static final String INIT_REQUEST = "ffffffff 86 0008 0102030405060708";

  /** Channel 11223344, CTAPHID 2, device 5.4.3, capabilities WINK|CBOR|NMSG (0x0d). */
  static final String INIT_RESPONSE = "ffffffff 86 0011 0102030405060708 11223344 02 05 04 03 0d";

  /** The nonce of a second INIT, sent when the first gets no answer in time. */
  static final byte[] NONCE_2 = HexFormat.of().parseHex("1112131415161718");

  static final String INIT_REQUEST_2 = "ffffffff 86 0008 1112131415161718";

  /** The reply to the second INIT: channel 55667788. */
  static final String INIT_RESPONSE_2 = "ffffffff 86 0011 1112131415161718 55667788 02 05 04 03 0d";

  static final String INIT_RESPONSE_NO_WINK =
      "ffffffff 86 0011 0102030405060708 11223344 02 01 00 00 04";
  static final String INIT_RESPONSE_FOREIGN_NONCE =
      "ffffffff 86 0011 a1a2a3a4a5a6a7a8 99999999 02 01 00 00 05";
  static final String INIT_RESPONSE_SHORT = "ffffffff 86 000c 0102030405060708 11223344";
  static final String INIT_RESPONSE_BROADCAST_CID =
      "ffffffff 86 0011 0102030405060708 ffffffff 02 01 00 00 05";
  static final String FOREIGN_CID_INIT_REPLY = "55667788 90 0001 00";
  static final String FOREIGN_CID_CONTINUATION = "55667788 00 deadbeef";

  static final String GET_INFO_REQUEST = "11223344 90 0001 04";
  static final String GET_INFO_REPLY = "11223344 90 0003 00 a0 ff";
  static final String PING_3_REQUEST = "11223344 81 0003 010203";

  /** A late success reply to an abandoned makeCredential (status 0, empty map). */
  static final String LATE_MAKE_CREDENTIAL_REPLY = "11223344 90 0002 00 a0";

  static final String MAKE_CREDENTIAL_REQUEST = "11223344 90 0002 01 a0";
  static final String CBOR_KEEPALIVE_CANCEL_REPLY = "11223344 90 0001 2d";
  static final String KEEPALIVE_PROCESSING = "11223344 bb 0001 01";
  static final String KEEPALIVE_UP_NEEDED = "11223344 bb 0001 02";
  static final String CANCEL_REQUEST = "11223344 91 0000";
  static final String ERROR_CHANNEL_BUSY = "11223344 bf 0001 06";
  static final String WINK_REQUEST = "11223344 88 0000";
  static final String LOCK_5S_REQUEST = "11223344 84 0001 05";

  /** A PING reply announcing 100 bytes; its continuation packets are built per test. */
  static final String PING_100_INIT = "11223344 81 0064";

  private final FakeTicker ticker = new FakeTicker();
  private final ScriptedConnection wire = new ScriptedConnection(ticker);

  private CtapHidDevice open(String initResponse) throws TransportException {
    wire.expectWrite(INIT_REQUEST).thenRead(initResponse);
    return CtapHidDevice.open(wire, Duration.ofSeconds(1), ticker, NONCE::clone);
  }

  private CtapHidDevice open() throws TransportException {
    return open(INIT_RESPONSE);
  }

  /** NONCE for the first INIT, NONCE_2 for the second. */
  private static java.util.function.Supplier<byte[]> twoNonces() {
    Iterator<byte[]> nonces = List.of(NONCE, NONCE_2).iterator();
    return () -> nonces.next().clone();
  }

  // ----------------------------------------------------------------- INIT

  @Test
  void initIgnoresForeignNonceAndOtherPacketsAndAllocatesTheChannel() throws Exception {
    wire.expectWrite(INIT_REQUEST)
        .thenRead(FOREIGN_CID_INIT_REPLY)
        .thenRead(INIT_RESPONSE_FOREIGN_NONCE)
        .thenRead(INIT_RESPONSE);
    CtapHidDevice device = CtapHidDevice.open(wire, Duration.ofSeconds(1), ticker, NONCE::clone);

    assertThat(device.channelId()).isEqualTo(0x11223344);
    assertThat(device.protocolVersion()).isEqualTo(2);
    assertThat(device.deviceVersion()).isEqualTo("5.4.3");
    assertThat(device.capabilities())
        .containsExactlyInAnyOrder(
            CtapHidCapability.WINK, CtapHidCapability.CBOR, CtapHidCapability.NMSG);
    wire.assertFinished();
  }

  @Test
  void initWithoutAnAnswerTimesOutAndClosesTheConnection() {
    // The second INIT goes out halfway through the (short, probe-sized) budget.
    wire.expectWrite(INIT_REQUEST)
        .thenRead(INIT_RESPONSE_FOREIGN_NONCE)
        .expectWrite(INIT_REQUEST_2)
        .thenRead(INIT_RESPONSE_FOREIGN_NONCE);
    long start = ticker.nanoTime();
    assertThatThrownBy(() -> CtapHidDevice.open(wire, Duration.ofMillis(150), ticker, twoNonces()))
        .isInstanceOf(TransportException.class)
        .hasMessage(
            "scripted did not answer CTAPHID_INIT within 150 ms. Is it a FIDO security key, and"
                + " is it (or the simulator) running? Re-insert or restart it and try again.");
    assertThat(ticker.elapsedSince(start)).isEqualTo(Duration.ofMillis(150));
    wire.assertFinished();
    assertThat(wire.closeCount()).isEqualTo(1);
  }

  @Test
  void initIsSentOnceMoreWithAFreshNonceAndALateReplyToTheFirstIsTaken() throws Exception {
    wire.expectWrite(INIT_REQUEST).expectWrite(INIT_REQUEST_2).thenRead(INIT_RESPONSE);
    long start = ticker.nanoTime();
    CtapHidDevice device = CtapHidDevice.open(wire, Duration.ofSeconds(30), ticker, twoNonces());

    assertThat(device.channelId()).isEqualTo(0x11223344);
    wire.assertFinished();
    // The second INIT left after one INIT_TIMEOUT; the reply came 1 ms later.
    assertThat(ticker.elapsedSince(start))
        .isEqualTo(CtapHidDevice.INIT_TIMEOUT.plus(Duration.ofMillis(1)));
  }

  @Test
  void aReplyToTheSecondInitIsTakenToo() throws Exception {
    wire.expectWrite(INIT_REQUEST)
        .thenRead(INIT_RESPONSE_FOREIGN_NONCE)
        .expectWrite(INIT_REQUEST_2)
        .thenRead(INIT_RESPONSE_2);
    CtapHidDevice device = CtapHidDevice.open(wire, Duration.ofSeconds(30), ticker, twoNonces());
    assertThat(device.channelId()).isEqualTo(0x55667788);
    wire.assertFinished();
  }

  @Test
  void initHasItsOwnShortDeadlineWhateverTheCallTimeout() throws Exception {
    wire.expectWrite(INIT_REQUEST)
        .thenRead(INIT_RESPONSE_FOREIGN_NONCE)
        .expectWrite(INIT_REQUEST_2)
        .thenRead(INIT_RESPONSE_FOREIGN_NONCE);
    long start = ticker.nanoTime();
    assertThatThrownBy(() -> CtapHidDevice.open(wire, Duration.ofMinutes(11), ticker, twoNonces()))
        .isInstanceOf(TransportException.class)
        .hasMessageStartingWith("scripted did not answer CTAPHID_INIT within 4000 ms.");
    assertThat(ticker.elapsedSince(start))
        .isEqualTo(CtapHidDevice.INIT_TIMEOUT.multipliedBy(CtapHidDevice.INIT_ATTEMPTS));
    wire.assertFinished();

    // ...while calls after a successful INIT keep the long per-call budget.
    ScriptedConnection other = new ScriptedConnection(ticker);
    other.expectWrite(INIT_REQUEST).thenRead(INIT_RESPONSE);
    CtapHidDevice device = CtapHidDevice.open(other, Duration.ofSeconds(30), ticker, NONCE::clone);
    other.expectWrite(GET_INFO_REQUEST).thenSilence().expectWrite(CANCEL_REQUEST);
    long callStart = ticker.nanoTime();
    assertThatThrownBy(() -> device.cbor(new byte[] {0x04}))
        .hasMessageStartingWith("scripted did not answer the CBOR request within 30");
    assertThat(ticker.elapsedSince(callStart)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void initResponseTooShortOrWithReservedChannelIsRefused() {
    wire.expectWrite(INIT_REQUEST).thenRead(INIT_RESPONSE_SHORT);
    assertThatThrownBy(() -> CtapHidDevice.open(wire, Duration.ofSeconds(1), ticker, NONCE::clone))
        .hasMessage(
            "scripted sent a malformed CTAPHID_INIT reply (INIT response of 12 bytes, expected"
                + " 17); it is not a FIDO device KeyDesk can use.");

    ScriptedConnection other = new ScriptedConnection(ticker);
    other.expectWrite(INIT_REQUEST).thenRead(INIT_RESPONSE_BROADCAST_CID);
    assertThatThrownBy(() -> CtapHidDevice.open(other, Duration.ofSeconds(1), ticker, NONCE::clone))
        .hasMessageContaining("0xFFFFFFFF is not a channel a device may allocate");
  }

  // ----------------------------------------------------------------- fragmentation

  /** Independent oracle for the packet layout of CTAP 2.1 section 11.2.4. */
  private static List<String> packets(int cid, int command, byte[] payload) {
    List<String> packets = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    int first = Math.min(57, payload.length);
    packets.add(
        String.format("%08x%02x%04x", cid, 0x80 | command, payload.length)
            + hex.formatHex(payload, 0, first));
    int seq = 0;
    for (int offset = first; offset < payload.length; offset += 59, seq++) {
      int end = Math.min(payload.length, offset + 59);
      packets.add(String.format("%08x%02x", cid, seq) + hex.formatHex(payload, offset, end));
    }
    return packets;
  }

  private static byte[] pattern(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 7 + 3);
    }
    return data;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 57, 58, 116, 117, 7609})
  void pingEchoesEveryFragmentBoundary(int size) throws Exception {
    CtapHidDevice device = open();
    byte[] data = pattern(size);
    List<String> packets = packets(0x11223344, CtapHidCommand.PING, data);
    int expectedPackets = size <= 57 ? 1 : 1 + (size - 57 + 58) / 59;
    assertThat(packets).hasSize(expectedPackets);
    packets.forEach(wire::expectWrite);
    packets.forEach(wire::thenRead);

    assertThat(device.ping(data)).isEqualTo(data);
    wire.assertFinished();
  }

  @Test
  void packetCountsAtTheBoundaries() {
    assertThat(packets(1, 1, new byte[57])).hasSize(1);
    assertThat(packets(1, 1, new byte[58])).hasSize(2);
    assertThat(packets(1, 1, new byte[116])).hasSize(2);
    assertThat(packets(1, 1, new byte[117])).hasSize(3);
    assertThat(packets(1, 1, new byte[7609])).hasSize(129);
  }

  @Test
  void fiftyEightBytesSpillOneByteIntoSequenceZero() throws Exception {
    CtapHidDevice device = open();
    byte[] data = pattern(58);
    wire.expectWrite("11223344 81 003a " + HexFormat.of().formatHex(data, 0, 57))
        .expectWrite("11223344 00 " + HexFormat.of().formatHex(data, 57, 58));
    packets(0x11223344, CtapHidCommand.PING, data).forEach(wire::thenRead);
    assertThat(device.ping(data)).isEqualTo(data);
  }

  @Test
  void aMessageOverTheCtapHidMaximumIsRefusedBeforeSending() throws Exception {
    CtapHidDevice device = open();
    assertThatThrownBy(() -> device.ping(new byte[7610]))
        .isInstanceOf(TransportException.class)
        .hasMessage(
            "The PING request is 7610 bytes but scripted accepts at most 7609 bytes (the CTAPHID"
                + " limit); send less data at once.");
    assertThat(wire.written()).hasSize(1); // only INIT
  }

  @Test
  void maxMsgSizeFromGetInfoIsEnforced() throws Exception {
    CtapHidDevice device = open();
    device.setMaxMessageSize(1024);
    assertThatThrownBy(() -> device.cbor(new byte[1025]))
        .hasMessage(
            "The CBOR request is 1025 bytes but scripted accepts at most 1024 bytes (its"
                + " maxMsgSize); send less data at once.");
    assertThat(wire.written()).hasSize(1);

    device.setMaxMessageSize(100_000);
    assertThat(device.maxMessageSize()).isEqualTo(7609);
    assertThatThrownBy(() -> device.setMaxMessageSize(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ----------------------------------------------------------------- keepalive, timeouts

  @Test
  void keepalivesAreReportedOncePerChangeThenTheReplyArrives() throws Exception {
    CtapHidDevice device = open();
    List<KeepaliveStatus> seen = new CopyOnWriteArrayList<>();
    wire.expectWrite(MAKE_CREDENTIAL_REQUEST)
        .thenRead(KEEPALIVE_PROCESSING)
        .thenRead(KEEPALIVE_PROCESSING)
        .thenRead(KEEPALIVE_UP_NEEDED)
        .thenRead(KEEPALIVE_UP_NEEDED)
        .thenRead(KEEPALIVE_UP_NEEDED)
        .thenRead(GET_INFO_REPLY);

    byte[] reply =
        device.call(
            CtapHidCommand.CBOR,
            HexFormat.of().parseHex("01a0"),
            CancelToken.none(),
            seen::add,
            Duration.ofSeconds(30));

    assertThat(reply).isEqualTo(HexFormat.of().parseHex("00a0ff"));
    assertThat(seen).containsExactly(KeepaliveStatus.PROCESSING, KeepaliveStatus.UP_NEEDED);
    wire.assertFinished();
  }

  @Test
  void aKeepaliveStormPastTheDeadlineEndsInATimeoutAndACancel() throws Exception {
    CtapHidDevice device = open();
    List<KeepaliveStatus> seen = new CopyOnWriteArrayList<>();
    wire.expectWrite(MAKE_CREDENTIAL_REQUEST)
        .thenForever(KEEPALIVE_UP_NEEDED, Duration.ofMillis(100))
        .expectWrite(CANCEL_REQUEST);
    long start = ticker.nanoTime();

    assertThatThrownBy(
            () ->
                device.call(
                    CtapHidCommand.CBOR,
                    HexFormat.of().parseHex("01a0"),
                    CancelToken.none(),
                    seen::add,
                    Duration.ofSeconds(3)))
        .isInstanceOf(TransportException.class)
        .hasMessage(
            "Timed out after 3.0 s waiting for you to touch the key. Try again and touch it when"
                + " it blinks.");
    assertThat(seen).containsExactly(KeepaliveStatus.UP_NEEDED);
    assertThat(ticker.elapsedSince(start))
        .isBetween(Duration.ofSeconds(3), Duration.ofMillis(3100));
    wire.assertFinished();
  }

  @Test
  void silenceEndsInATimeoutNamingTheRequest() throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(GET_INFO_REQUEST).thenSilence().expectWrite(CANCEL_REQUEST);
    assertThatThrownBy(() -> device.cbor(new byte[] {0x04}))
        .hasMessage(
            "scripted did not answer the CBOR request within 1.0 s; re-insert the key and try"
                + " again.");
    wire.assertFinished();
  }

  // ----------------------------------------------------------------- cancel

  @Test
  void cancelMidCallSendsCancelAndWaitsForTheKeepaliveCancelReply() throws Exception {
    CtapHidDevice device = open();
    CancelToken token = new CancelToken();
    List<KeepaliveStatus> seen = new CopyOnWriteArrayList<>();
    wire.expectWrite(MAKE_CREDENTIAL_REQUEST)
        .thenRead(KEEPALIVE_UP_NEEDED)
        .thenRun(token::cancel)
        .expectWrite(CANCEL_REQUEST)
        .thenRead(KEEPALIVE_UP_NEEDED)
        .thenRead(CBOR_KEEPALIVE_CANCEL_REPLY);

    assertThatThrownBy(
            () ->
                device.call(
                    CtapHidCommand.CBOR,
                    HexFormat.of().parseHex("01a0"),
                    token,
                    seen::add,
                    Duration.ofSeconds(30)))
        .isExactlyInstanceOf(CancelledException.class);
    assertThat(seen).containsExactly(KeepaliveStatus.UP_NEEDED);
    wire.assertFinished();

    // The channel is clean: the next call gets its own reply.
    wire.expectWrite(GET_INFO_REQUEST).thenRead(GET_INFO_REPLY);
    assertThat(device.cbor(new byte[] {0x04})).isEqualTo(HexFormat.of().parseHex("00a0ff"));
  }

  @Test
  void cancelWithoutAnAnswerGivesUpAfterTheGracePeriod() throws Exception {
    CtapHidDevice device = open();
    CancelToken token = new CancelToken();
    wire.expectWrite(MAKE_CREDENTIAL_REQUEST)
        .thenRun(token::cancel)
        .expectWrite(CANCEL_REQUEST)
        .thenSilence();
    long start = ticker.nanoTime();
    assertThatThrownBy(
            () ->
                device.call(
                    CtapHidCommand.CBOR,
                    HexFormat.of().parseHex("01a0"),
                    token,
                    KeepaliveListener.NONE,
                    Duration.ofSeconds(30)))
        .isExactlyInstanceOf(CancelledException.class);
    assertThat(ticker.elapsedSince(start)).isLessThan(Duration.ofSeconds(1));
  }

  /** A makeCredential cancelled without the key acknowledging within the grace period. */
  private void abandonMakeCredential(CtapHidDevice device) {
    CancelToken token = new CancelToken();
    wire.expectWrite(MAKE_CREDENTIAL_REQUEST)
        .thenRun(token::cancel)
        .expectWrite(CANCEL_REQUEST)
        .thenSilence();
    assertThatThrownBy(
            () ->
                device.call(
                    CtapHidCommand.CBOR,
                    HexFormat.of().parseHex("01a0"),
                    token,
                    KeepaliveListener.NONE,
                    Duration.ofSeconds(30)))
        .isExactlyInstanceOf(CancelledException.class);
  }

  @Test
  void aLateKeepaliveCancelIsNotTakenForTheNextCborAnswer() throws Exception {
    CtapHidDevice device = open();
    abandonMakeCredential(device);
    // The key acknowledges the CANCEL only after the host has sent its next request.
    wire.expectWrite(GET_INFO_REQUEST)
        .thenRead(KEEPALIVE_PROCESSING)
        .thenRead(CBOR_KEEPALIVE_CANCEL_REPLY)
        .thenRead(GET_INFO_REPLY);
    assertThat(device.cbor(new byte[] {0x04})).isEqualTo(HexFormat.of().parseHex("00a0ff"));
    wire.assertFinished();

    // Only one late reply was owed: a later CTAP2_ERR_KEEPALIVE_CANCEL is an answer again.
    wire.expectWrite(GET_INFO_REQUEST).thenRead(CBOR_KEEPALIVE_CANCEL_REPLY);
    assertThat(device.cbor(new byte[] {0x04})).isEqualTo(new byte[] {0x2D});
  }

  @Test
  void aLateCborReplyIsNotAnErrorForTheNextPing() throws Exception {
    CtapHidDevice device = open();
    abandonMakeCredential(device);
    wire.expectWrite(PING_3_REQUEST).thenRead(CBOR_KEEPALIVE_CANCEL_REPLY).thenRead(PING_3_REQUEST);
    assertThat(device.ping(new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
    wire.assertFinished();
  }

  @Test
  void aLateAnswerQueuedBeforeTheNextRequestIsDrained() throws Exception {
    CtapHidDevice device = open();
    abandonMakeCredential(device);
    // The touch came just before the CANCEL: the key's real (late) answer is already waiting.
    wire.thenRead(LATE_MAKE_CREDENTIAL_REPLY)
        .expectWrite(GET_INFO_REQUEST)
        .thenRead(GET_INFO_REPLY);
    assertThat(device.cbor(new byte[] {0x04})).isEqualTo(HexFormat.of().parseHex("00a0ff"));
    wire.assertFinished();
  }

  @Test
  void aLateMultiPacketReplyAfterATimeoutIsDroppedWhole() throws Exception {
    CtapHidDevice device = open();
    byte[] data = pattern(100);
    List<String> echo = packets(0x11223344, CtapHidCommand.PING, data);
    echo.forEach(wire::expectWrite);
    wire.thenSilence().expectWrite(CANCEL_REQUEST);
    assertThatThrownBy(() -> device.ping(data))
        .hasMessage(
            "scripted did not answer the PING request within 1.0 s; re-insert the key and try"
                + " again.");

    wire.expectWrite(GET_INFO_REQUEST)
        .thenRead(echo.get(0))
        .thenRead(echo.get(1))
        .thenRead(GET_INFO_REPLY);
    assertThat(device.cbor(new byte[] {0x04})).isEqualTo(HexFormat.of().parseHex("00a0ff"));
    wire.assertFinished();
  }

  @Test
  void aTokenFiredBeforeTheCallSendsNothing() throws Exception {
    CtapHidDevice device = open();
    CancelToken token = new CancelToken();
    token.cancel();
    assertThatThrownBy(
            () -> device.call(CtapHidCommand.CBOR, new byte[] {4}, token, KeepaliveListener.NONE))
        .isExactlyInstanceOf(CancelledException.class);
    assertThat(wire.written()).hasSize(1);
  }

  // ----------------------------------------------------------------- busy and errors

  @Test
  void channelBusyIsRetriedWithBackoff() throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(GET_INFO_REQUEST)
        .thenRead(ERROR_CHANNEL_BUSY)
        .expectWrite(GET_INFO_REQUEST)
        .thenRead(ERROR_CHANNEL_BUSY)
        .expectWrite(GET_INFO_REQUEST)
        .thenRead(GET_INFO_REPLY);
    long start = ticker.nanoTime();
    assertThat(device.cbor(new byte[] {0x04})).isEqualTo(HexFormat.of().parseHex("00a0ff"));
    // 3 reads of 1 ms, backoff 10 ms then 20 ms.
    assertThat(ticker.elapsedSince(start)).isEqualTo(Duration.ofMillis(33));
    wire.assertFinished();
  }

  @Test
  void channelBusyUntilTheDeadlineSurfacesAsChannelBusy() throws Exception {
    CtapHidDevice device = open();
    for (int i = 0; i < 20; i++) {
      wire.expectWrite(GET_INFO_REQUEST).thenRead(ERROR_CHANNEL_BUSY);
    }
    assertThatThrownBy(() -> device.cbor(new byte[] {0x04}))
        .isInstanceOfSatisfying(
            CtapHidException.class, e -> assertThat(e.error()).isEqualTo(CtapHidError.CHANNEL_BUSY))
        .hasMessage("The key is busy with another application; close it or try again.");
    // 10+20+40+80+160+250+250 ms of backoff fit in 1 s, the next 250 ms does not.
    assertThat(wire.written()).hasSize(1 + 8);
  }

  @ParameterizedTest
  @EnumSource(CtapHidError.class)
  void everyErrorCodeBecomesItsTypedException(CtapHidError error) throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(GET_INFO_REQUEST)
        .thenRead(String.format("11223344 bf 0001 %02x", error.code()));
    assertThatThrownBy(
            () ->
                device.call(
                    CtapHidCommand.CBOR,
                    new byte[] {4},
                    CancelToken.none(),
                    KeepaliveListener.NONE,
                    Duration.ofMillis(5)))
        .isInstanceOfSatisfying(
            CtapHidException.class,
            e -> {
              assertThat(e.error()).isEqualTo(error);
              assertThat(e.code()).isEqualTo(error.code());
            })
        .isInstanceOf(TransportException.class)
        .hasMessage(error.message());
  }

  @Test
  void anUnknownErrorCodeIsOtherButKeepsItsByte() throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(GET_INFO_REQUEST).thenRead("11223344 bf 0001 33");
    assertThatThrownBy(() -> device.cbor(new byte[] {4}))
        .isInstanceOfSatisfying(
            CtapHidException.class,
            e -> {
              assertThat(e.error()).isEqualTo(CtapHidError.OTHER);
              assertThat(e.code()).isEqualTo(0x33);
            })
        .hasMessage("The key reported an unspecified error.");
  }

  // ----------------------------------------------------------------- malformed traffic

  @Test
  void packetsForOtherChannelsAreIgnoredEvenMidMessage() throws Exception {
    CtapHidDevice device = open();
    byte[] data = pattern(100);
    List<String> reply = packets(0x11223344, CtapHidCommand.PING, data);
    packets(0x11223344, CtapHidCommand.PING, data).forEach(wire::expectWrite);
    wire.thenRead(FOREIGN_CID_INIT_REPLY)
        .thenRead(reply.get(0))
        .thenRead(FOREIGN_CID_CONTINUATION)
        .thenRead(FOREIGN_CID_INIT_REPLY)
        .thenRead(reply.get(1));
    assertThat(device.ping(data)).isEqualTo(data);
    wire.assertFinished();
  }

  @Test
  void aWrongSequenceNumberIsAClearError() throws Exception {
    CtapHidDevice device = open();
    byte[] data = pattern(100);
    packets(0x11223344, CtapHidCommand.PING, data).forEach(wire::expectWrite);
    wire.thenRead(PING_100_INIT).thenRead("11223344 01 00");
    assertThatThrownBy(() -> device.ping(data))
        .isExactlyInstanceOf(TransportException.class)
        .hasMessage(
            "scripted sent packet number 1 where 0 was expected; re-insert the key and try"
                + " again.");
  }

  @Test
  void aContinuationWithoutAStartIsAClearError() throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(GET_INFO_REQUEST).thenRead("11223344 00 00");
    assertThatThrownBy(() -> device.cbor(new byte[] {4}))
        .hasMessage(
            "scripted sent a continuation packet without the start of a message; re-insert the"
                + " key and try again.");
  }

  @Test
  void aNewMessageOnOurChannelMidMessageIsAClearError() throws Exception {
    CtapHidDevice device = open();
    byte[] data = pattern(100);
    packets(0x11223344, CtapHidCommand.PING, data).forEach(wire::expectWrite);
    wire.thenRead(PING_100_INIT).thenRead(KEEPALIVE_PROCESSING);
    assertThatThrownBy(() -> device.ping(data))
        .hasMessage(
            "scripted started a new KEEPALIVE message before finishing the previous one;"
                + " re-insert the key and try again.");
  }

  @Test
  void aReplyToAnotherCommandIsAClearError() throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(GET_INFO_REQUEST).thenRead("11223344 81 0000");
    assertThatThrownBy(() -> device.cbor(new byte[] {4}))
        .hasMessage("scripted answered PING to a CBOR request; re-insert the key and try again.");
  }

  @Test
  void aReplyAnnouncingMoreThanCtapHidCanCarryIsRefused() throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(GET_INFO_REQUEST).thenRead("11223344 90 1dba");
    assertThatThrownBy(() -> device.cbor(new byte[] {4}))
        .hasMessage(
            "scripted announced a 7610-byte reply, more than CTAPHID can carry (7609);"
                + " re-insert the key and try again.");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 63, 65, 128})
  void shortAndOversizedReportsAreRefused(int size) throws Exception {
    CtapHidDevice device = open();
    byte[] odd = new byte[size];
    System.arraycopy(ScriptedConnection.report(GET_INFO_REPLY), 0, odd, 0, Math.min(size, 64));
    wire.expectWrite(GET_INFO_REQUEST).thenRead(odd);
    assertThatThrownBy(() -> device.cbor(new byte[] {4}))
        .hasMessage(
            "scripted sent a "
                + size
                + "-byte report where CTAPHID uses 64 bytes. Is it a FIDO security key?"
                + " Re-insert it and try again.");
  }

  @Test
  void theDeviceGoneMidMessageSaysReinsertIt() throws Exception {
    CtapHidDevice device = open();
    byte[] data = pattern(100);
    packets(0x11223344, CtapHidCommand.PING, data).forEach(wire::expectWrite);
    wire.thenRead(PING_100_INIT).thenFail(new TransportException("No such device"));
    assertThatThrownBy(() -> device.ping(data))
        .isExactlyInstanceOf(TransportException.class)
        .hasMessage(
            "The key was disconnected (scripted: No such device); re-insert it and try again.")
        .hasCauseInstanceOf(TransportException.class);
  }

  @Test
  void theDeviceGoneWhileWritingSaysReinsertIt() throws Exception {
    CtapHidDevice device = open();
    wire.thenFail(new TransportException("write failed"));
    assertThatThrownBy(() -> device.cbor(new byte[] {4}))
        .hasMessage(
            "The key was disconnected (scripted: write failed); re-insert it and try again.");
  }

  // ----------------------------------------------------------------- other commands, lifecycle

  @Test
  void winkAndLockSendTheirCommands() throws Exception {
    CtapHidDevice device = open();
    wire.expectWrite(WINK_REQUEST)
        .thenRead(WINK_REQUEST)
        .expectWrite(LOCK_5S_REQUEST)
        .thenRead("11223344 84 0000");
    device.wink();
    device.lock(5);
    wire.assertFinished();
    assertThatThrownBy(() -> device.lock(11)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void winkWithoutTheCapabilityIsRefusedWithoutSending() throws Exception {
    CtapHidDevice device = open(INIT_RESPONSE_NO_WINK);
    assertThatThrownBy(device::wink)
        .hasMessage("scripted cannot wink (it does not report the WINK capability).");
    assertThat(wire.written()).hasSize(1);
  }

  @Test
  void msgIsRefusedWhenTheKeySaysNmsg() throws Exception {
    CtapHidDevice device = open();
    assertThatThrownBy(() -> device.msg(new byte[] {0, 3, 0, 0}))
        .hasMessage(
            "scripted does not support CTAP1/U2F messages (it reports the NMSG capability).");
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailClearly() throws Exception {
    CtapHidDevice device = open();
    device.close();
    device.close();
    assertThat(wire.closeCount()).isEqualTo(1);
    assertThatThrownBy(() -> device.cbor(new byte[] {4}))
        .hasMessage("The connection to scripted is closed; open the device again.");
  }
}
