package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_ALLOWED;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap1.U2f;
import io.keydesk.ctap1.U2fException;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.RpEntity;
import io.keydesk.ctap2.Selection;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidError;
import io.keydesk.hid.CtapHidException;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import io.keydesk.hid.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the user pick one of several plugged-in keys by touching it (docs/webauthn-client.md
 * "Several keys plugged in"; CTAP 2.1 section 6.9): authenticatorSelection on CTAP 2.1 keys, a
 * dummy makeCredential (zero-length pinUvAuthParam, which makes a key wait for a touch and then
 * answer PIN_NOT_SET or PIN_INVALID) on CTAP 2.0 keys, a U2F register with a bogus application on
 * U2F-only keys. The first key touched wins and the others' calls are cancelled (CTAPHID_CANCEL).
 * Each key is driven from its own thread, as the keys' channels are independent.
 */
public final class DeviceSelection {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceSelection.class);

  /** Statuses of the dummy makeCredential that prove a touch. */
  static final Set<CtapStatus> TOUCHED =
      Set.of(
          CtapStatus.OK,
          CtapStatus.PIN_NOT_SET,
          CtapStatus.PIN_INVALID,
          CtapStatus.PIN_AUTH_INVALID,
          CtapStatus.PIN_BLOCKED,
          CtapStatus.PIN_AUTH_BLOCKED);

  private DeviceSelection() {}

  /**
   * Waits until the user touches one of {@code devices} and returns it; a single device is returned
   * at once without a touch.
   *
   * @throws WebAuthnClientException NOT_ALLOWED when no key was touched (all failed), TIMEOUT_ERROR
   *     after {@code timeout}, ABORT_ERROR when {@code cancel} fires
   */
  public static CtapDevice select(
      List<? extends CtapDevice> devices, UserInteraction ui, CancelToken cancel, Duration timeout)
      throws WebAuthnClientException {
    if (devices.isEmpty()) {
      throw new WebAuthnClientException(
          NOT_ALLOWED, "No security key found. Insert one and try again.");
    }
    if (devices.size() == 1) {
      return devices.get(0);
    }
    AtomicBoolean prompted = new AtomicBoolean();
    KeepaliveListener keepalive =
        status -> {
          if (status == KeepaliveStatus.UP_NEEDED && prompted.compareAndSet(false, true)) {
            ui.promptTouch();
          }
        };
    try (Ceremony ceremony = new Ceremony(cancel, timeout, ui)) {
      AtomicReference<CtapDevice> winner = new AtomicReference<>();
      AtomicInteger failures = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(1);
      List<CancelToken> tokens = new ArrayList<>();
      List<CancelToken.Registration> registrations = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (CtapDevice device : devices) {
        CancelToken token = new CancelToken();
        registrations.add(ceremony.token().onCancel(token::cancel));
        tokens.add(token);
        Thread thread =
            new Thread(
                () -> {
                  try {
                    waitForTouch(device, token, keepalive, ceremony.timeout());
                    if (winner.compareAndSet(null, device)) {
                      done.countDown();
                    }
                  } catch (Exception e) {
                    LOG.debug("{} was not selected: {}", device.describe(), e.getMessage());
                    if (failures.incrementAndGet() == devices.size()) {
                      done.countDown();
                    }
                  }
                },
                "select-" + device.describe());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ceremony.token().cancel();
      }
      tokens.forEach(CancelToken::cancel);
      registrations.forEach(CancelToken.Registration::close);
      for (Thread thread : threads) {
        try {
          thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (winner.get() != null) {
        return winner.get();
      }
      if (ceremony.isStopped()) {
        throw ceremony.stopped();
      }
      throw new WebAuthnClientException(
          NOT_ALLOWED, "None of the security keys could be used. Re-insert the key and try again.");
    }
  }

  /** Returns when the user touched {@code device}; throws when it failed or was cancelled. */
  static void waitForTouch(
      CtapDevice device, CancelToken token, KeepaliveListener keepalive, Duration timeout)
      throws CtapException, TransportException, U2fException {
    Ctap2 ctap = new Ctap2(device);
    Optional<Info> info = Optional.empty();
    if (!(device instanceof CtapHidDevice hid) || hid.supports(CtapHidCapability.CBOR)) {
      try {
        info = Optional.of(ctap.getInfo());
      } catch (CtapHidException e) {
        if (e.error() != CtapHidError.INVALID_CMD) {
          throw e;
        }
      } catch (CtapException e) {
        if (!e.status().equals(CtapStatus.INVALID_COMMAND)) {
          throw e;
        }
      }
    }
    if (info.isEmpty()) {
      new U2f(device)
          .register(
              Bytes.of(new byte[U2f.PARAMETER_LENGTH]),
              U2fCeremonies.rpIdHash("keydesk.invalid"),
              timeout,
              token,
              keepalive);
      return;
    }
    if (Selection.isSupported(info.get())) {
      new Selection(ctap.channel()).select(token, keepalive);
      return;
    }
    MakeCredentialRequest dummy =
        MakeCredentialRequest.builder(
                Bytes.of(new byte[MakeCredentialRequest.CLIENT_DATA_HASH_LENGTH]),
                RpEntity.of(".dummy"),
                new UserEntity(Bytes.of(new byte[] {0}), "dummy", "dummy"),
                List.of(CredentialParameters.publicKey(CredentialParameters.ES256)))
            .pinUvAuth(Bytes.empty(), 1)
            .build();
    try {
      ctap.makeCredential(dummy, token, keepalive);
    } catch (CtapException e) {
      if (!TOUCHED.contains(e.status())) {
        throw e;
      }
    }
  }
}
