package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.CommandHandler;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.authenticator.ctap.Ctap2Config;
import io.keydesk.authenticator.u2f.U2fHandler;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.PinRules;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidFrames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceSelection} against real in-process software authenticators over CTAPHID: the key
 * whose presence is approved wins, the others see CTAPHID_CANCEL (their pending user-presence
 * request is cancelled, which is how the responder ends a wait with CTAP2_ERR_KEEPALIVE_CANCEL).
 */
class DeviceSelectionTest {
  static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);
  static final Duration SELECTION_TIMEOUT = Duration.ofSeconds(20);

  /** Blocking helpers get a thread each (the common pool may have a single worker). */
  static final Executor OWN_THREAD =
      runnable -> {
        Thread thread = new Thread(runnable, "device-selection-test");
        thread.setDaemon(true);
        thread.start();
      };

  final List<SoftwareAuthenticator> authenticators = new ArrayList<>();
  final List<CtapHidDevice> devices = new ArrayList<>();
  final Map<CtapHidDevice, CountDownLatch> cancelReplies = new ConcurrentHashMap<>();
  final RecordingUi ui = new RecordingUi();

  @AfterEach
  void close() {
    devices.forEach(CtapHidDevice::close);
    authenticators.forEach(SoftwareAuthenticator::close);
  }

  /** A finger that touches only when the test says so; records what was asked and how it ended. */
  static final class HeldPresence implements UserPresence {
    final List<Integer> commands = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Boolean>> futures = new CopyOnWriteArrayList<>();
    final CountDownLatch asked = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public CompletableFuture<Boolean> request(Request request) {
      CompletableFuture<Boolean> future = new CompletableFuture<>();
      future.whenComplete(
          (value, error) -> {
            if (future.isCancelled()) {
              cancelled.countDown();
            }
          });
      commands.add(request.command());
      futures.add(future);
      asked.countDown();
      return future;
    }

    void touch() {
      futures.forEach(future -> future.complete(true));
    }

    boolean wasCancelled() throws InterruptedException {
      return cancelled.await(10, TimeUnit.SECONDS);
    }
  }

  static final class RecordingUi implements UserInteraction {
    final AtomicInteger prompts = new AtomicInteger();

    @Override
    public void promptTouch() {
      prompts.incrementAndGet();
    }

    @Override
    public Optional<char[]> requestPin(PinRequest request) {
      throw new AssertionError("selection never asks for a PIN");
    }

    @Override
    public boolean requestUv(UvRequest request) {
      throw new AssertionError("selection never asks for UV");
    }
  }

  CtapHidDevice key(UserPresence presence, Function<SoftwareAuthenticator.Setup, CommandHandler> h)
      throws Exception {
    SoftwareAuthenticator authenticator =
        SoftwareAuthenticator.builder()
            .state(AuthenticatorState.generate())
            .userPresence(presence)
            .handler(h)
            .build();
    authenticators.add(authenticator);
    CountDownLatch cancelReply = new CountDownLatch(1);
    authenticator
        .responder()
        .addSink(
            report -> {
              if (CtapHidFrames.isInit(report)
                  && CtapHidFrames.command(report) == CtapHidCommand.CBOR
                  && (report[7] & 0xFF) == CtapStatus.KEEPALIVE_CANCEL.code()) {
                cancelReply.countDown();
              }
            });
    CtapHidDevice device = CtapHidDevice.open(authenticator.connect(), OPEN_TIMEOUT);
    devices.add(device);
    cancelReplies.put(device, cancelReply);
    return device;
  }

  /**
   * Waits until {@code device} has answered its cancelled CBOR request with KEEPALIVE_CANCEL, so
   * the next call on it cannot meet that late reply (a busy machine may delay it).
   */
  boolean answeredTheCancel(CtapHidDevice device) throws InterruptedException {
    return cancelReplies.get(device).await(10, TimeUnit.SECONDS);
  }

  CtapHidDevice ctap21(UserPresence presence) throws Exception {
    return key(presence, Ctap2CommandHandler::new);
  }

  CtapHidDevice ctap20(UserPresence presence) throws Exception {
    return key(
        presence,
        setup ->
            new Ctap2CommandHandler(
                setup, Ctap2Config.defaults(setup.state().aaguid()).withCtap20Only()));
  }

  CtapHidDevice u2fOnly(UserPresence presence) throws Exception {
    return key(presence, U2fHandler::new);
  }

  CtapDevice select(List<CtapDevice> keys) throws WebAuthnClientException {
    return DeviceSelection.select(keys, ui, new CancelToken(), SELECTION_TIMEOUT);
  }

  @Test
  void theTouchedCtap21KeyWinsAndTheOthersAreCancelled() throws Exception {
    HeldPresence loserA = new HeldPresence();
    HeldPresence loserB = new HeldPresence();
    HeldPresence winner = new HeldPresence();
    CtapHidDevice a = ctap21(loserA);
    CtapHidDevice b = ctap21(loserB);
    CtapHidDevice chosen = ctap21(winner);
    CompletableFuture<CtapDevice> selected = selectAsync(List.of(a, chosen, b));
    // Every key was asked for a touch with authenticatorSelection before anyone touched.
    for (HeldPresence presence : List.of(loserA, loserB, winner)) {
      assertThat(presence.asked.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(winner.commands).containsExactly(CtapCommand.SELECTION);
    winner.touch();

    assertThat(selected.get(10, TimeUnit.SECONDS)).isSameAs(chosen);
    assertThat(loserA.wasCancelled()).isTrue();
    assertThat(loserB.wasCancelled()).isTrue();
    assertThat(loserA.commands).containsExactly(CtapCommand.SELECTION);
    assertThat(ui.prompts).hasValue(1);
    // The losers are free again: their channel answers the next command.
    assertThat(answeredTheCancel(a)).isTrue();
    assertThat(new Ctap2(a).getInfo().versions()).contains("FIDO_2_1");
  }

  @Test
  void aDelayedApprovalWinsQuicklyAgainstAKeyThatWouldApproveMuchLater() throws Exception {
    HeldPresence slowFinger = new HeldPresence();
    CtapHidDevice slow = ctap21(slowFinger);
    // The quick key approves by itself once the slow key waits too, so both really wait.
    CtapHidDevice quick =
        ctap21(
            request ->
                CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return slowFinger.asked.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                      }
                    },
                    OWN_THREAD));

    // Failure-only bound far below the 10 minute budget: the slow key is cancelled, not waited for.
    assertThat(selectAsync(List.of(slow, quick), Duration.ofMinutes(10)).get(60, TimeUnit.SECONDS))
        .isSameAs(quick);

    assertThat(slowFinger.wasCancelled()).isTrue();
    assertThat(answeredTheCancel(slow)).isTrue();
    assertThat(new Ctap2(slow).getInfo().versions()).contains("FIDO_2_1");
  }

  @Test
  void aCtap20KeyIsSelectedThroughTheDummyMakeCredential() throws Exception {
    HeldPresence old = new HeldPresence();
    HeldPresence other = new HeldPresence();
    CtapHidDevice legacy = ctap20(old);
    CtapHidDevice modern = ctap21(other);
    assertThat(new Ctap2(legacy).getInfo().versions()).containsExactly("FIDO_2_0");

    CompletableFuture<CtapDevice> selected = selectAsync(List.of(modern, legacy));
    assertThat(old.asked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(other.asked.await(10, TimeUnit.SECONDS)).isTrue();
    old.touch();

    assertThat(selected.get(10, TimeUnit.SECONDS)).isSameAs(legacy);
    assertThat(old.commands).containsExactly(CtapCommand.MAKE_CREDENTIAL);
    assertThat(other.wasCancelled()).isTrue();
  }

  @Test
  void aCtap20KeyWithAPinCountsAsTouchedWhenItAnswersPinInvalid() throws Exception {
    HeldPresence old = new HeldPresence();
    CtapHidDevice legacy = ctap20(old);
    CtapHidDevice modern = ctap21(new HeldPresence());
    Ctap2 ctap = new Ctap2(legacy);
    ClientPin.create(ctap.channel(), List.of(2), PinRules.DEFAULT)
        .setPin("123456".toCharArray());
    assertThat(ctap.getInfo().isPinSet()).contains(true);

    CompletableFuture<CtapDevice> selected = selectAsync(List.of(legacy, modern));
    assertThat(old.asked.await(10, TimeUnit.SECONDS)).isTrue();
    old.touch();

    assertThat(selected.get(10, TimeUnit.SECONDS)).isSameAs(legacy);
    // The probe did not cost a PIN retry.
    assertThat(
            ClientPin.create(ctap.channel(), List.of(2), PinRules.DEFAULT)
                .getPinRetries()
                .retries())
        .isEqualTo(8);
  }

  @Test
  void aU2fOnlyKeyIsSelectedThroughARegisterWithABogusApplication() throws Exception {
    HeldPresence u2f = new HeldPresence();
    HeldPresence other = new HeldPresence();
    CtapHidDevice old = u2fOnly(u2f);
    CtapHidDevice modern = ctap21(other);

    CompletableFuture<CtapDevice> selected = selectAsync(List.of(modern, old));
    assertThat(u2f.asked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(other.asked.await(10, TimeUnit.SECONDS)).isTrue();
    u2f.touch();

    assertThat(selected.get(10, TimeUnit.SECONDS)).isSameAs(old);
    assertThat(other.wasCancelled()).isTrue();
  }

  @Test
  void theCtap21KeyWinsAgainstAWaitingU2fKey() throws Exception {
    HeldPresence u2f = new HeldPresence();
    HeldPresence other = new HeldPresence();
    CtapHidDevice old = u2fOnly(u2f);
    CtapHidDevice modern = ctap21(other);

    CompletableFuture<CtapDevice> selected = selectAsync(List.of(old, modern));
    assertThat(other.asked.await(10, TimeUnit.SECONDS)).isTrue();
    other.touch();

    assertThat(selected.get(10, TimeUnit.SECONDS)).isSameAs(modern);
  }

  @Test
  void nobodyTouchesAnyKeyGivesATimeoutError() throws Exception {
    HeldPresence a = new HeldPresence();
    HeldPresence b = new HeldPresence();
    List<CtapDevice> keys = List.of(ctap21(a), ctap20(b));
    // Room for both keys to read getInfo and ask for a touch on a busy machine before it expires.
    Duration budget = Duration.ofSeconds(5);
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                DeviceSelection.select(keys, ui, new CancelToken(), budget);
                return null;
              } catch (WebAuthnClientException e) {
                return e;
              }
            },
            OWN_THREAD);
    assertThat(a.asked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(b.asked.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(outcome.get(60, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            WebAuthnClientException.class,
            e -> assertThat(e.code()).isEqualTo(WebAuthnClientException.Code.TIMEOUT_ERROR))
        .hasMessageContaining("touch the key when it blinks");
    assertThat(a.wasCancelled()).isTrue();
    assertThat(b.wasCancelled()).isTrue();
  }

  @Test
  void theUserCancellingGivesAnAbortError() throws Exception {
    HeldPresence a = new HeldPresence();
    HeldPresence b = new HeldPresence();
    List<CtapDevice> keys = List.of(ctap21(a), u2fOnly(b));
    CancelToken cancel = new CancelToken();
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                DeviceSelection.select(keys, ui, cancel, SELECTION_TIMEOUT);
                return null;
              } catch (WebAuthnClientException e) {
                return e;
              }
            });
    assertThat(a.asked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(b.asked.await(10, TimeUnit.SECONDS)).isTrue();
    cancel.cancel();

    Throwable error = outcome.get(10, TimeUnit.SECONDS);
    assertThat(error)
        .isInstanceOfSatisfying(
            WebAuthnClientException.class,
            e -> assertThat(e.code()).isEqualTo(WebAuthnClientException.Code.ABORT_ERROR));
    assertThat(a.wasCancelled()).isTrue();
    assertThat(b.wasCancelled()).isTrue();
  }

  @Test
  void oneKeyIsReturnedWithoutATouch() throws Exception {
    HeldPresence only = new HeldPresence();
    CtapHidDevice device = ctap21(only);

    assertThat(select(List.of(device))).isSameAs(device);
    assertThat(only.commands).isEmpty();
  }

  @Test
  void noKeyIsAClearError() {
    assertThatThrownBy(() -> select(List.of()))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage("No security key found. Insert one and try again.");
  }

  CompletableFuture<CtapDevice> selectAsync(List<CtapDevice> keys) {
    return selectAsync(keys, SELECTION_TIMEOUT);
  }

  CompletableFuture<CtapDevice> selectAsync(List<CtapDevice> keys, Duration timeout) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return DeviceSelection.select(keys, ui, new CancelToken(), timeout);
          } catch (WebAuthnClientException e) {
            throw new IllegalStateException(e);
          }
        },
        OWN_THREAD);
  }
}
