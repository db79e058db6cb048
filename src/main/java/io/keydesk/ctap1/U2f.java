package io.keydesk.ctap1;

import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CancelledException;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import io.keydesk.hid.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CTAP1/U2F client over CTAPHID_MSG (FIDO U2F Raw Message Formats v1.2; CTAP 2.1 section
 * 11.2.9.1.1 and section 10 on interoperating with U2F keys). U2F keys answer
 * SW_CONDITIONS_NOT_SATISFIED until touched, so {@link #register} and {@link #authenticate} re-send
 * the request every {@code pollInterval} until the key accepts, the deadline passes, or the cancel
 * token fires; the keepalive listener hears UP_NEEDED once, at the first refusal, which is the
 * moment to say "touch your key".
 *
 * <p>Not thread-safe; use it from the device's worker thread.
 */
public final class U2f {
  private static final Logger LOG = LoggerFactory.getLogger(U2f.class);

  /** Challenge and application parameters are SHA-256 hashes. */
  public static final int PARAMETER_LENGTH = 32;

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

  private final CtapDevice device;
  private final Duration pollInterval;

  public U2f(CtapDevice device) {
    this(device, DEFAULT_POLL_INTERVAL);
  }

  public U2f(CtapDevice device, Duration pollInterval) {
    this.device = device;
    this.pollInterval = pollInterval;
  }

  /** U2F_VERSION (section 6): "U2F_V2" for every U2F key. */
  public String version() throws U2fException, TransportException {
    ApduResponse response = send(Apdu.of(Apdu.INS_VERSION, 0, Bytes.empty()), CancelToken.none());
    if (!response.isOk()) {
      throw U2fException.forStatus("version", response.statusWord());
    }
    return new String(response.data().toArray(), StandardCharsets.US_ASCII);
  }

  /**
   * U2F_REGISTER (section 4): waits for a touch, then returns the new key pair's public key, key
   * handle and attestation.
   *
   * @param challenge the 32-byte challenge parameter (for WebAuthn: the clientDataHash)
   * @param application the 32-byte application parameter (for WebAuthn: SHA-256 of the RP ID)
   * @throws U2fException CONDITIONS_NOT_SATISFIED when nobody touched the key before {@code
   *     timeout}
   */
  public RegisterResponse register(
      Bytes challenge,
      Bytes application,
      Duration timeout,
      CancelToken cancel,
      KeepaliveListener keepalive)
      throws U2fException, TransportException {
    requireParameter(challenge, "challenge");
    requireParameter(application, "application");
    Apdu apdu = Apdu.of(Apdu.INS_REGISTER, 0, Bytes.concat(challenge, application));
    ApduResponse response = untilTouched(apdu, "registration", timeout, cancel, keepalive);
    return RegisterResponse.parse(response.data());
  }

  /**
   * U2F_AUTHENTICATE with check-only (0x07, section 5.1): whether {@code keyHandle} was made by
   * this key for {@code application}. Needs no touch.
   */
  public boolean isKnownKeyHandle(Bytes application, Bytes keyHandle)
      throws U2fException, TransportException {
    ApduResponse response =
        send(
            authenticateApdu(
                Apdu.CHECK_ONLY, Bytes.of(new byte[PARAMETER_LENGTH]), application, keyHandle),
            CancelToken.none());
    return switch (response.statusWord()) {
      case U2fStatus.CONDITIONS_NOT_SATISFIED -> true;
      case U2fStatus.WRONG_DATA -> false;
      default -> throw U2fException.forStatus("key handle check", response.statusWord());
    };
  }

  /**
   * U2F_AUTHENTICATE with enforce-user-presence-and-sign (0x03, section 5.1): waits for a touch,
   * then signs.
   *
   * @throws U2fException WRONG_DATA when the key handle is not this key's for {@code application}
   */
  public AuthenticateResponse authenticate(
      Bytes challenge,
      Bytes application,
      Bytes keyHandle,
      Duration timeout,
      CancelToken cancel,
      KeepaliveListener keepalive)
      throws U2fException, TransportException {
    requireParameter(challenge, "challenge");
    requireParameter(application, "application");
    Apdu apdu =
        authenticateApdu(Apdu.ENFORCE_USER_PRESENCE_AND_SIGN, challenge, application, keyHandle);
    ApduResponse response = untilTouched(apdu, "authentication", timeout, cancel, keepalive);
    return AuthenticateResponse.parse(response.data());
  }

  static Apdu authenticateApdu(int control, Bytes challenge, Bytes application, Bytes keyHandle) {
    if (keyHandle.isEmpty() || keyHandle.length() > RegisterResponse.MAX_KEY_HANDLE_LENGTH) {
      throw new IllegalArgumentException(
          "a U2F key handle is 1 to 255 bytes, not " + keyHandle.length());
    }
    return Apdu.of(
        Apdu.INS_AUTHENTICATE,
        control,
        Bytes.concat(
            challenge, application, Bytes.of(new byte[] {(byte) keyHandle.length()}), keyHandle));
  }

  private ApduResponse untilTouched(
      Apdu apdu,
      String operation,
      Duration timeout,
      CancelToken cancel,
      KeepaliveListener keepalive)
      throws U2fException, TransportException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean prompted = false;
    CountDownLatch cancelled = new CountDownLatch(1);
    try (CancelToken.Registration wakeUp = cancel.onCancel(cancelled::countDown)) {
      while (true) {
        if (cancel.isCancelled()) {
          throw new CancelledException();
        }
        ApduResponse response = send(apdu, cancel);
        if (response.isOk()) {
          return response;
        }
        if (response.statusWord() != U2fStatus.CONDITIONS_NOT_SATISFIED) {
          throw U2fException.forStatus(operation, response.statusWord());
        }
        if (!prompted) {
          prompted = true;
          keepalive.onStatus(KeepaliveStatus.UP_NEEDED);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw U2fException.forStatus(operation, response.statusWord());
        }
        try {
          if (cancelled.await(Math.min(left, pollInterval.toNanos()), TimeUnit.NANOSECONDS)) {
            throw new CancelledException();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancelledException();
        }
      }
    }
  }

  private ApduResponse send(Apdu apdu, CancelToken cancel) throws U2fException, TransportException {
    LOG.debug(
        "U2F INS 0x{} P1 0x{}", Integer.toHexString(apdu.ins()), Integer.toHexString(apdu.p1()));
    byte[] answer = device.call(CtapHidCommand.MSG, apdu.encode(), cancel, KeepaliveListener.NONE);
    return ApduResponse.parse(answer);
  }

  private static void requireParameter(Bytes value, String name) {
    if (value.length() != PARAMETER_LENGTH) {
      throw new IllegalArgumentException(
          "the U2F " + name + " parameter is 32 bytes, not " + value.length());
    }
  }
}
