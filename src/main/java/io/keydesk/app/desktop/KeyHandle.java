package io.keydesk.app.desktop;

import io.keydesk.app.CredentialTester;
import io.keydesk.app.DeviceSession;
import io.keydesk.app.InfoSummary;
import io.keydesk.app.PinService;
import io.keydesk.app.ResetFlow;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinRetries;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.TransportException;
import io.keydesk.webauthn.CoseAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One open security key for the desktop app: the device page's operations over the app use cases
 * ({@link DeviceSession}, {@link PinService}, {@link CredentialTester}, {@link ResetFlow}), with
 * failures as {@link KeyFailure}s. Not thread-safe: use it from the key's own worker thread.
 */
public final class KeyHandle implements AutoCloseable {
  /** The RP ID "Test this key" registers under; never a real site. */
  public static final String TEST_RP_ID = "keydesk-test.invalid";

  /**
   * The budget of each call, touches included: a person needs time to find and touch the key (keys
   * themselves give up after about 30 s with USER_ACTION_TIMEOUT).
   */
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(35);

  /** The device page's PIN line points to its own buttons, not to the CLI's commands. */
  static final InfoSummary.PinHints GUI_PIN_HINTS =
      new InfoSummary.PinHints("\"Set PIN…\"", "\"Change PIN…\"");

  private final SecurityKeys keys;
  private final KeyRef ref;
  private final CtapHidDevice hid;
  private final CancellableDevice device;
  private DeviceSession session;

  private KeyHandle(
      SecurityKeys keys,
      KeyRef ref,
      CtapHidDevice hid,
      DeviceSession session,
      CancellableDevice device) {
    this.keys = keys;
    this.ref = ref;
    this.hid = hid;
    this.session = session;
    this.device = device;
  }

  /** Opens {@code key} and reads getInfo. */
  public static KeyHandle open(SecurityKeys keys, KeyRef key) throws KeyFailure {
    DeviceDescriptor descriptor = keys.descriptor(key).orElseThrow(() -> gone(key));
    CtapHidDevice hid = null;
    try {
      hid = CtapHidDevice.open(keys.discovery().open(descriptor), OPEN_TIMEOUT);
      CancellableDevice device = new CancellableDevice(hid);
      DeviceSession session = DeviceSession.of(device);
      hid.setMaxMessageSize(session.info().maxMsgSizeOrDefault());
      return new KeyHandle(keys, key, hid, session, device);
    } catch (TransportException | CtapException | RuntimeException e) {
      if (hid != null) {
        hid.close();
      }
      throw KeyFailure.of(e);
    }
  }

  private static KeyFailure gone(KeyRef key) {
    return new KeyFailure(
        KeyFailure.Kind.UNAVAILABLE,
        key.displayName() + " is no longer plugged in; insert it and try again.",
        Optional.empty());
  }

  public KeyRef ref() {
    return ref;
  }

  /** getInfo (read again) with the PIN retries, as the device page shows them. */
  public KeyOverview overview() throws KeyFailure {
    try {
      Info info = session.refreshInfo();
      PinService pins = new PinService(session);
      Optional<PinRetries> retries = pins.retries();
      InfoSummary summary = InfoSummary.of(session.describe(), info, retries, keys.models());
      String pinLine = InfoSummary.pin(info, retries, GUI_PIN_HINTS);
      List<InfoSummary.Line> lines =
          summary.lines().stream()
              .map(l -> l.label().equals("PIN") ? new InfoSummary.Line(l.label(), pinLine) : l)
              .toList();
      UUID aaguid = uuid(info.aaguid());
      List<String> options = new ArrayList<>();
      for (Map.Entry<String, Boolean> option : info.options().entrySet()) {
        options.add(option.getKey() + (option.getValue() ? "" : " (off)"));
      }
      return new KeyOverview(
          keys.model(ref, aaguid),
          info.versions(),
          options,
          info.extensions(),
          info.isPinSet(),
          retries.map(PinRetries::retries),
          pins.rules().minLength(),
          info.remainingDiscoverableCredentials(),
          info.firmwareVersion().map(KeyHandle::firmware),
          aaguid.toString(),
          hid.supports(CtapHidCapability.WINK),
          lines,
          summary.toJson());
    } catch (TransportException | CtapException e) {
      throw KeyFailure.of(e);
    }
  }

  /**
   * The model of {@code key} from its getInfo AAGUID (CTAP 2.1 section 6.4), for the sidebar: opens
   * the key, reads getInfo and closes it. Run on the key's own worker thread.
   */
  public static KeyModel model(SecurityKeys keys, KeyRef key) throws KeyFailure {
    try (KeyHandle handle = open(keys, key)) {
      return keys.model(key, uuid(handle.session.info().aaguid()));
    }
  }

  /** CTAPHID_WINK: the key blinks. */
  public void wink() throws KeyFailure {
    try {
      hid.wink();
    } catch (TransportException e) {
      throw KeyFailure.of(e);
    }
  }

  /** What the PIN dialog needs before asking. */
  public record PinFacts(
      boolean pinSet, int minLength, Optional<Integer> retries, Optional<String> warning) {}

  public PinFacts pinFacts() throws KeyFailure {
    PinService pins = new PinService(session);
    try {
      return new PinFacts(
          pins.isPinSet().orElse(false),
          pins.rules().minLength(),
          pins.retries().map(PinRetries::retries),
          pins.warningBeforePrompt());
    } catch (TransportException | CtapException e) {
      throw KeyFailure.of(e);
    }
  }

  /** setPIN on a key without one. Zeroes {@code newPin}. */
  public String setPin(char[] newPin) throws KeyFailure {
    try {
      return new PinService(session).setPin(newPin);
    } catch (TransportException | CtapException e) {
      throw KeyFailure.of(e);
    }
  }

  /** changePIN. Zeroes both. */
  public String changePin(char[] currentPin, char[] newPin) throws KeyFailure {
    try {
      return new PinService(session).changePin(currentPin, newPin);
    } catch (TransportException | CtapException e) {
      throw KeyFailure.of(e);
    }
  }

  /** Whether "Test this key" will need the PIN (a PIN is set and the key wants UV). */
  public boolean testNeedsPin() {
    return new CredentialTester(session).needsPin(true, false, false);
  }

  /** The verdict of "Test this key" and the details behind it. */
  public record TestReport(boolean passed, String verdict, List<String> details) {
    public TestReport {
      details = List.copyOf(details);
    }
  }

  /**
   * "Test this key": makeCredential then getAssertion for a throwaway, non-discoverable credential
   * under {@link #TEST_RP_ID}, checking the attestation and the assertion signature. The key asks
   * for a touch twice. Zeroes {@code pin}.
   */
  public TestReport test(Optional<char[]> pin, Cancellation cancellation, TouchListener touch)
      throws KeyFailure {
    CredentialTester tester = new CredentialTester(session);
    Optional<char[]> secondPin = pin.map(char[]::clone);
    device.begin(cancellation, touch);
    try {
      byte[] userId = new byte[16];
      new SecureRandom().nextBytes(userId);
      CredentialTester.Registration registration =
          new CredentialTester.Registration(
              TEST_RP_ID,
              new UserEntity(Bytes.of(userId), "keydesk-test", "KeyDesk test"),
              false,
              false,
              List.of(CoseAlgorithm.ES256.id(), CoseAlgorithm.EDDSA.id()),
              List.of(),
              Bytes.of(sha256("keydesk-test-registration:" + UUID.randomUUID())));
      CredentialTester.Created created =
          tester.makeCredential(registration, pin, true, status -> {});
      List<String> details = new ArrayList<>();
      details.add(
          "Registered a test credential for "
              + TEST_RP_ID
              + " (not stored on the key's"
              + " discoverable slots).");
      created.verification().ifPresent(v -> details.addAll(v.lines()));
      CredentialTester.Authentication authentication =
          new CredentialTester.Authentication(
              TEST_RP_ID,
              List.of(created.credentialId()),
              false,
              Bytes.of(sha256("keydesk-test-assertion:" + UUID.randomUUID())));
      List<CredentialTester.Asserted> asserted =
          tester.getAssertion(
              authentication, secondPin, List.of(created.publicKey()), true, status -> {});
      boolean verified =
          created.verification().map(CredentialTester.Verification::verified).orElse(true);
      for (CredentialTester.Asserted a : asserted) {
        details.add("Signed in with the test credential.");
        if (a.verification().isPresent()) {
          details.addAll(a.verification().get().lines());
          verified &= a.verification().get().verified();
        }
      }
      String verdict =
          verified
              ? "This key works: it created a credential and signed with it, and both checked out."
              : "This key answered, but a check failed; see the details.";
      return new TestReport(verified, verdict, details);
    } catch (TransportException | CtapException | RuntimeException e) {
      throw KeyFailure.of(e);
    } finally {
      secondPin.ifPresent(p -> java.util.Arrays.fill(p, '\0'));
      device.end();
    }
  }

  /** What the user sees during the guided reset. Called on the device worker; must not block. */
  public interface ResetPrompts {
    void instruct(String message);

    void promptTouch(String message);
  }

  /** The warning to confirm before a reset (what it erases). */
  public static String resetWarning() {
    return ResetFlow.WARNING;
  }

  /** The outcome of a guided reset. */
  public record ResetResult(boolean succeeded, String message) {}

  /**
   * The guided reset after the user confirmed: remove, re-insert (a simulator is "re-inserted"
   * already), same key checked by AAGUID, reset within the key's window after power-up.
   */
  public ResetResult reset(ResetPrompts prompts, Cancellation cancellation) throws KeyFailure {
    DeviceDescriptor descriptor = keys.descriptor(ref).orElseThrow(() -> gone(ref));
    boolean replug = descriptor.transport() == DeviceDescriptor.Transport.USB;
    ResetFlow flow =
        new ResetFlow(
            new ResetFlow.Devices() {
              @Override
              public List<DeviceDescriptor> list() {
                return keys.discovery().list();
              }

              @Override
              public DeviceSession open(DeviceDescriptor d)
                  throws TransportException, CtapException {
                return DeviceSession.open(keys.discovery().open(d), OPEN_TIMEOUT);
              }
            },
            ResetFlow.Interaction.confirmedAlready(prompts::instruct, prompts::promptTouch),
            Clock.systemUTC(),
            duration -> {
              if (cancellation.isCancelled()) {
                throw new InterruptedException("cancelled");
              }
              Thread.sleep(duration.toMillis());
            },
            ResetFlow.Timing.DEFAULT);
    device.begin(cancellation, TouchListener.NONE);
    try {
      ResetFlow.Outcome outcome = flow.run(session, descriptor, false, replug);
      return new ResetResult(outcome.succeeded(), outcome.message());
    } catch (InterruptedException e) {
      return new ResetResult(false, "Reset cancelled; nothing was erased.");
    } catch (TransportException | CtapException e) {
      throw KeyFailure.of(e);
    } finally {
      device.end();
    }
  }

  static UUID uuid(Bytes aaguid) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(aaguid.toArray());
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  static String firmware(long version) {
    return version + String.format(" (0x%x)", version);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
