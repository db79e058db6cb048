package io.keydesk.app.desktop;

import io.keydesk.app.AccountActionException;
import io.keydesk.app.AccountKey;
import io.keydesk.app.WebAuthnAccountKey;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.TransportException;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PinRequest;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.UvRequest;
import io.keydesk.webauthn.WebAuthnClient;
import io.keydesk.webauthn.WebAuthnClientException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * A plugged-in key as the account use cases see it (WebAuthn L3 §5.1.3 create, §5.1.4 get), for the
 * desktop app: the key is opened for each ceremony on its own worker thread (the CTAPHID channel is
 * serial) and closed after it; the touch prompt follows KEEPALIVE UP_NEEDED (CTAP 2.1 §11.2.9.1.4)
 * and the GUI's {@link Cancellation} sends CTAPHID_CANCEL.
 */
public final class DesktopAccountKey implements AccountKey {
  /** The budget of one ceremony, touches included (keys give up after about 30 s). */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(35);

  /** What the key asks of the person besides a touch: its PIN. Called on the key's worker. */
  @FunctionalInterface
  public interface PinPrompt {
    /** Blocks until the person answers; empty cancels. The caller zeroes the array. */
    Optional<char[]> pin(PinQuestion question);
  }

  /**
   * Why the PIN is asked.
   *
   * @param keyName the key's name for the dialog
   * @param minLength the key's minimum PIN length
   * @param retriesLeft given when 3 or fewer are left
   * @param wrongPin the previous PIN was wrong
   */
  public record PinQuestion(
      String keyName, int minLength, Optional<Integer> retriesLeft, boolean wrongPin) {}

  private final SecurityKeys keys;
  private final KeyRef ref;
  private final Executor worker;
  private final Cancellation cancellation;
  private final TouchListener touch;
  private final PinPrompt pins;

  /**
   * @param worker the key's own worker thread; the ceremony runs there and the caller waits
   */
  public DesktopAccountKey(
      SecurityKeys keys,
      KeyRef ref,
      Executor worker,
      Cancellation cancellation,
      TouchListener touch,
      PinPrompt pins) {
    this.keys = keys;
    this.ref = ref;
    this.worker = worker;
    this.cancellation = cancellation;
    this.touch = touch;
    this.pins = pins;
  }

  public KeyRef ref() {
    return ref;
  }

  @Override
  public AuthenticationResponseJSON authenticate(
      PublicKeyCredentialRequestOptionsJSON options, String origin) throws WebAuthnClientException {
    return onKey(key -> key.authenticate(options, origin));
  }

  @Override
  public RegistrationResponseJSON register(
      PublicKeyCredentialCreationOptionsJSON options, String origin)
      throws WebAuthnClientException {
    return onKey(key -> key.register(options, origin));
  }

  @FunctionalInterface
  private interface Ceremony<T> {
    T run(AccountKey key) throws WebAuthnClientException;
  }

  private <T> T onKey(Ceremony<T> ceremony) throws WebAuthnClientException {
    CompletableFuture<T> result = new CompletableFuture<>();
    worker.execute(
        () -> {
          try {
            result.complete(runOpen(ceremony));
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancellation.cancel();
      throw new AccountActionException(AccountActionException.Kind.CANCELLED, "Cancelled.");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebAuthnClientException w) {
        throw w;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }

  private <T> T runOpen(Ceremony<T> ceremony) throws WebAuthnClientException {
    DeviceDescriptor descriptor =
        keys.descriptor(ref)
            .orElseThrow(
                () ->
                    new AccountActionException(
                        AccountActionException.Kind.NO_KEY,
                        ref.displayName() + " is no longer plugged in; insert it and try again."));
    CtapHidDevice hid;
    try {
      hid = CtapHidDevice.open(keys.discovery().open(descriptor), CALL_TIMEOUT);
    } catch (TransportException e) {
      throw new AccountActionException(
          AccountActionException.Kind.NO_KEY,
          "Cannot open " + ref.displayName() + ": " + e.getMessage(),
          e);
    }
    CancellableDevice device = new CancellableDevice(hid);
    device.begin(cancellation, touch);
    try {
      return ceremony.run(
          new WebAuthnAccountKey(new WebAuthnClient(device), interaction(), cancellation.token()));
    } finally {
      device.end();
      hid.close();
    }
  }

  private UserInteraction interaction() {
    return new UserInteraction() {
      @Override
      public void promptTouch() {
        // the touch prompt follows KEEPALIVE UP_NEEDED through CancellableDevice
      }

      @Override
      public Optional<char[]> requestPin(PinRequest request) {
        return pins.pin(
            new PinQuestion(
                ref.displayName(),
                request.minLength(),
                request.retriesLeft(),
                request.reason() == PinRequest.Reason.WRONG_PIN));
      }

      @Override
      public boolean requestUv(UvRequest request) {
        return true; // the key verifies by itself (fingerprint); it asks for presence the same way
      }
    };
  }
}
