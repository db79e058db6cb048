package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CancelledException;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidError;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.KeepaliveStatus;
import io.keydesk.hid.UdpConnection;
import io.keydesk.hid.UdpEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host side (io.keydesk.hid.CtapHidDevice) against the device side, in memory and over UDP on
 * ephemeral loopback ports.
 */
class CtapHidDeviceInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The user-presence decision of the current test. */
  private volatile CompletableFuture<Boolean> touch = new CompletableFuture<>();

  private final SoftwareAuthenticator authenticator =
      SoftwareAuthenticator.builder().userPresence(request -> touch).build();
  private final ExecutorService background = Executors.newCachedThreadPool();

  @AfterEach
  void close() {
    background.shutdownNow();
    authenticator.close();
  }

  private CtapHidDevice openInMemory() throws Exception {
    return CtapHidDevice.open(authenticator.connect(), TIMEOUT);
  }

  private static byte[] data(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 13 + 1);
    }
    return data;
  }

  /** PING of every interesting length, WINK, getInfo and authenticatorSelection with a touch. */
  private void exercise(CtapHidDevice device) throws Exception {
    assertThat(device.protocolVersion()).isEqualTo(2);
    assertThat(device.deviceVersion()).isEqualTo("1.0.0");
    assertThat(device.capabilities())
        .containsExactlyInAnyOrder(
            CtapHidCapability.WINK, CtapHidCapability.CBOR, CtapHidCapability.NMSG);
    for (int length : new int[] {0, 57, 58, 59 + 57, 7609}) {
      assertThat(device.ping(data(length))).isEqualTo(data(length));
    }
    device.wink();

    byte[] info = device.cbor(new byte[] {(byte) CtapCommand.GET_INFO});
    assertThat(info[0]).isZero();
    CborMap map = Cbor.decodeMap(Arrays.copyOfRange(info, 1, info.length));
    assertThat(map.getBytes(AuthenticatorInfo.KEY_AAGUID)).isEqualTo(authenticator.aaguid());

    List<KeepaliveStatus> statuses = new CopyOnWriteArrayList<>();
    touch = new CompletableFuture<>();
    Future<byte[]> selection =
        background.submit(
            () ->
                device.call(
                    CtapHidCommand.CBOR,
                    new byte[] {(byte) CtapCommand.SELECTION},
                    CancelToken.none(),
                    status -> {
                      statuses.add(status);
                      if (status == KeepaliveStatus.UP_NEEDED) {
                        touch.complete(true); // the user touches the key when asked
                      }
                    }));
    assertThat(selection.get(10, TimeUnit.SECONDS)).containsExactly(0x00);
    // A PROCESSING tick may come first when the device's worker is slow to ask for presence.
    assertThat(statuses)
        .contains(KeepaliveStatus.UP_NEEDED)
        .isSubsetOf(KeepaliveStatus.PROCESSING, KeepaliveStatus.UP_NEEDED);
  }

  @Test
  void inMemory() throws Exception {
    try (CtapHidDevice device = openInMemory()) {
      assertThat(device.channelId()).isEqualTo(1);
      exercise(device);
    }
  }

  @Test
  void overUdpOnEphemeralPorts() throws Exception {
    try (UdpSimulatorServer server =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true))) {
      UdpEndpoint endpoint =
          new UdpEndpoint(
              server.deviceAddress(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (CtapHidDevice device = CtapHidDevice.open(UdpConnection.open(endpoint), TIMEOUT)) {
        exercise(device);
      }
    }
  }

  @Test
  void cancelWhileWaitingForATouch() throws Exception {
    try (CtapHidDevice device = openInMemory()) {
      CancelToken cancel = new CancelToken();
      assertThatThrownBy(
              () ->
                  device.call(
                      CtapHidCommand.CBOR,
                      new byte[] {(byte) CtapCommand.SELECTION},
                      cancel,
                      status -> {
                        if (status == KeepaliveStatus.UP_NEEDED) {
                          cancel.cancel();
                        }
                      }))
          .isInstanceOf(CancelledException.class);
      // The device drops the touch request as it handles the CANCEL, possibly after the host's
      // grace period on a slow machine: wait for it rather than race it.
      awaitDone(touch);
      assertThat(touch).isCancelled();
      assertThat(device.ping(data(3))).isEqualTo(data(3)); // the channel is usable again
    }
  }

  @Test
  void aSecondApplicationWaitsOutTheBusyChannel() throws Exception {
    try (CtapHidDevice first = openInMemory();
        CtapHidDevice second = openInMemory()) {
      assertThat(second.channelId()).isNotEqualTo(first.channelId());
      CompletableFuture<Void> upNeeded = new CompletableFuture<>();
      Future<byte[]> selection =
          background.submit(
              () ->
                  first.call(
                      CtapHidCommand.CBOR,
                      new byte[] {(byte) CtapCommand.SELECTION},
                      CancelToken.none(),
                      status -> upNeeded.complete(null)));
      upNeeded.get(10, TimeUnit.SECONDS);
      // the second application's PING meets CHANNEL_BUSY and retries until the touch
      onChannelBusy().thenRun(() -> touch.complete(true));
      Future<byte[]> ping = background.submit(() -> second.ping(data(10)));
      assertThat(ping.get(10, TimeUnit.SECONDS)).isEqualTo(data(10));
      assertThat(selection.get(10, TimeUnit.SECONDS)).containsExactly(0x00);
    }
  }

  @Test
  void lockedDeviceServesOnlyItsOwner() throws Exception {
    try (CtapHidDevice owner = openInMemory();
        CtapHidDevice other = openInMemory()) {
      // Long enough that the other application surely meets it; released below with lock(0).
      owner.lock(CtapHidDevice.MAX_LOCK_SECONDS);
      CompletableFuture<Void> refused = onChannelBusy();
      Future<byte[]> ping = background.submit(() -> other.ping(data(5)));
      refused.get(10, TimeUnit.SECONDS);
      assertThat(owner.ping(data(6))).isEqualTo(data(6));
      owner.lock(0); // release early: the other application's retries then succeed
      assertThat(ping.get(10, TimeUnit.SECONDS)).isEqualTo(data(5));
    }
  }

  /** Waits (failure-only deadline) until {@code future} is complete in any way. */
  static void awaitDone(CompletableFuture<?> future) throws Exception {
    future.handle((value, error) -> null).get(10, TimeUnit.SECONDS);
  }

  /** Completes when the device answers ERROR CHANNEL_BUSY to anyone. */
  private CompletableFuture<Void> onChannelBusy() {
    CompletableFuture<Void> busy = new CompletableFuture<>();
    authenticator
        .responder()
        .addSink(
            report -> {
              if (CtapHidFrames.isInit(report)
                  && CtapHidFrames.command(report) == CtapHidCommand.ERROR
                  && report[7] == CtapHidError.CHANNEL_BUSY.code()) {
                busy.complete(null);
              }
            });
    return busy;
  }
}
