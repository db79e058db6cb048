package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.CONSTRAINT_ERROR;
import static io.keydesk.webauthn.WebAuthnClientException.Code.INVALID_STATE;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_ALLOWED;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_SUPPORTED;
import static io.keydesk.webauthn.WebAuthnClientException.Code.UNKNOWN_ERROR;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinException;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CancelledException;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidError;
import io.keydesk.hid.CtapHidException;
import io.keydesk.hid.TransportException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A WebAuthn client for one security key (WebAuthn L3 §5.1.3 [[Create]] and §5.1.4 [[Get]], as a
 * browser runs them for a roaming authenticator, with the CTAP 2.1 section 10 mapping to CTAP2 and
 * to CTAP1/U2F). Every input is checked before any device I/O: origin and RP ID ({@link
 * RpIdPolicy}), user.id, challenge, credential IDs and algorithms ({@link OptionsValidator}),
 * extension inputs. The clientDataJSON is built once, byte-exact ({@link CollectedClientData}), and
 * the same bytes are hashed for the key and returned to the relying party.
 *
 * <p>Runs on the device's worker thread and blocks it; {@link UserInteraction} callbacks are made
 * from it. The ceremony ends with a TimeoutError after the options' timeout (clamped to 5 s..10
 * min, 5 min by default) and with an AbortError when {@code cancel} fires.
 */
public final class WebAuthnClient {
  /** The COSE algorithms whose keys KeyDesk can return as SPKI and verify. */
  public static final List<Long> SUPPORTED_ALGORITHMS =
      Arrays.stream(CoseAlgorithm.values()).map(CoseAlgorithm::id).toList();

  /** The transports of a USB HID key. */
  static final List<String> DEFAULT_TRANSPORTS = List.of("usb");

  static final String CROSS_PLATFORM = "cross-platform";

  /** A credential ID no key holds: sent when nothing matched, so the user still touches. */
  static final Bytes DUMMY_CREDENTIAL_ID = Bytes.of(new byte[] {0});

  private final CtapDevice device;
  private final Ctap2 ctap;

  public WebAuthnClient(CtapDevice device) {
    this.device = device;
    this.ctap = new Ctap2(device);
  }

  public CtapDevice device() {
    return device;
  }

  /**
   * navigator.credentials.create() for {@code origin} (WebAuthn L3 §5.1.3).
   *
   * @throws WebAuthnClientException with the DOMException code a browser would raise
   */
  public RegistrationResponseJSON create(
      PublicKeyCredentialCreationOptionsJSON options,
      String origin,
      UserInteraction ui,
      CancelToken cancel)
      throws WebAuthnClientException {
    CreateInputs in = CreateInputs.check(options, origin);
    return runCeremony(
        options.timeout(),
        ui,
        cancel,
        ceremony -> new U2fCeremonies(device, ceremony).register(in),
        (info, ceremony) -> new Ctap2Registration(ctap, info, in, ui, ceremony).run());
  }

  /**
   * navigator.credentials.get() for {@code origin} (WebAuthn L3 §5.1.4).
   *
   * @throws WebAuthnClientException with the DOMException code a browser would raise
   */
  public AuthenticationResponseJSON get(
      PublicKeyCredentialRequestOptionsJSON options,
      String origin,
      UserInteraction ui,
      CancelToken cancel)
      throws WebAuthnClientException {
    GetInputs in = GetInputs.check(options, origin);
    return runCeremony(
        options.timeout(),
        ui,
        cancel,
        ceremony -> new U2fCeremonies(device, ceremony).authenticate(in),
        (info, ceremony) -> new Ctap2Authentication(ctap, info, in, ui, ceremony).run());
  }

  /** One ceremony on a CTAP1/U2F key. */
  @FunctionalInterface
  private interface U2fStep<T> {
    T run(Ceremony ceremony) throws WebAuthnClientException, CtapException, TransportException;
  }

  /** One ceremony on a CTAP2 key, given its getInfo. */
  @FunctionalInterface
  private interface Ctap2Step<T> {
    T run(Info info, Ceremony ceremony)
        throws WebAuthnClientException, CtapException, TransportException;
  }

  /**
   * The scaffolding {@link #create} and {@link #get} share: the ceremony's timeout and
   * cancellation, the CTAP2-or-U2F choice (CTAP 2.1 §10), and the mapping of a cancel, a key's
   * error status and a lost device to the DOMException a browser raises.
   */
  private <T> T runCeremony(
      Optional<Long> timeout,
      UserInteraction ui,
      CancelToken cancel,
      U2fStep<T> u2f,
      Ctap2Step<T> ctap2)
      throws WebAuthnClientException {
    try (Ceremony ceremony = new Ceremony(cancel, timeout, ui)) {
      try {
        Optional<Info> info = info();
        if (info.isEmpty()) {
          return u2f.run(ceremony);
        }
        return ctap2.run(info.get(), ceremony);
      } catch (CancelledException e) {
        throw ceremony.stopped();
      } catch (CtapException e) {
        if (e.status().equals(CtapStatus.KEEPALIVE_CANCEL) && ceremony.isStopped()) {
          throw ceremony.stopped();
        }
        throw map(e);
      } catch (TransportException e) {
        throw transport(e);
      }
    }
  }

  /**
   * Runs every check {@link #create} makes before device I/O, so a caller can refuse bad options
   * before it even opens a device.
   */
  public static void checkCreate(PublicKeyCredentialCreationOptionsJSON options, String origin)
      throws WebAuthnClientException {
    CreateInputs.check(options, origin);
  }

  /** Runs every check {@link #get} makes before device I/O. */
  public static void checkGet(PublicKeyCredentialRequestOptionsJSON options, String origin)
      throws WebAuthnClientException {
    GetInputs.check(options, origin);
  }

  /** The key's getInfo, or empty when it speaks only CTAP1/U2F. */
  private Optional<Info> info() throws CtapException, TransportException {
    if (device instanceof CtapHidDevice hid && !hid.supports(CtapHidCapability.CBOR)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ctap.getInfoAndApplyLimits());
    } catch (CtapHidException e) {
      if (e.error() == CtapHidError.INVALID_CMD) {
        return Optional.empty();
      }
      throw e;
    } catch (CtapException e) {
      if (e.status().equals(CtapStatus.INVALID_COMMAND)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Inputs of a create() call, checked before any device I/O. */
  record CreateInputs(
      PublicKeyCredentialCreationOptionsJSON options,
      String origin,
      String rpId,
      List<PublicKeyCredentialParameters> algorithms,
      ClientExtensions.Create extensions,
      String userVerification,
      String residentKey,
      Bytes clientDataJson,
      Bytes clientDataHash) {

    static CreateInputs check(PublicKeyCredentialCreationOptionsJSON options, String callerOrigin)
        throws WebAuthnClientException {
      // Downstream (clientDataJSON, U2F, responses) sees only the serialised origin.
      String origin = RpIdPolicy.serializedOrigin(callerOrigin);
      String rpId = RpIdPolicy.effectiveRpId(origin, options.rp().id());
      List<PublicKeyCredentialParameters> algorithms =
          OptionsValidator.checkCreation(options, SUPPORTED_ALGORITHMS);
      ClientExtensions.Create extensions = ClientExtensions.Create.parse(options.extensions());
      AuthenticatorSelectionCriteria selection =
          options
              .authenticatorSelection()
              .orElse(
                  new AuthenticatorSelectionCriteria(
                      Optional.empty(), Optional.empty(), false, Optional.empty()));
      if (selection.authenticatorAttachment().filter("platform"::equals).isPresent()) {
        throw new WebAuthnClientException(
            NOT_ALLOWED,
            "The site asks for a platform authenticator (built into the computer); KeyDesk"
                + " works with security keys only. Use the browser for this site.");
      }
      Bytes clientDataJson = CollectedClientData.create(options.challenge(), origin).toJson();
      return new CreateInputs(
          options,
          origin,
          rpId,
          algorithms,
          extensions,
          selection.effectiveUserVerification(),
          selection.effectiveResidentKey(),
          clientDataJson,
          CollectedClientData.clientDataHash(clientDataJson));
    }

    /** The effective attestation conveyance preference (WebAuthn L3 §5.4.7). */
    String attestation() {
      return AttestationConveyance.effective(options.attestation());
    }

    List<PublicKeyCredentialDescriptor> excludeList() {
      return options.excludeCredentials().stream()
          .filter(d -> d.type().equals(PublicKeyCredentialParameters.PUBLIC_KEY))
          .map(d -> new PublicKeyCredentialDescriptor(d.type(), d.id(), List.of()))
          .toList();
    }
  }

  /** Inputs of a get() call, checked before any device I/O. */
  record GetInputs(
      PublicKeyCredentialRequestOptionsJSON options,
      String origin,
      String rpId,
      ClientExtensions.Get extensions,
      Bytes clientDataJson,
      Bytes clientDataHash) {

    static GetInputs check(PublicKeyCredentialRequestOptionsJSON options, String callerOrigin)
        throws WebAuthnClientException {
      // Downstream (clientDataJSON, U2F, responses) sees only the serialised origin.
      String origin = RpIdPolicy.serializedOrigin(callerOrigin);
      String rpId = RpIdPolicy.effectiveRpId(origin, options.rpId());
      OptionsValidator.checkRequest(options);
      ClientExtensions.Get extensions =
          ClientExtensions.Get.parse(options.extensions(), options.allowCredentials());
      Bytes clientDataJson = CollectedClientData.get(options.challenge(), origin).toJson();
      return new GetInputs(
          options,
          origin,
          rpId,
          extensions,
          clientDataJson,
          CollectedClientData.clientDataHash(clientDataJson));
    }

    List<PublicKeyCredentialDescriptor> allowList() {
      return options.allowCredentials().stream()
          .filter(d -> d.type().equals(PublicKeyCredentialParameters.PUBLIC_KEY))
          .map(d -> new PublicKeyCredentialDescriptor(d.type(), d.id(), List.of()))
          .toList();
    }
  }

  /** The DOMException a browser raises for a key's error status (WebAuthn L3 §6.3.2-6.3.3). */
  static WebAuthnClientException map(CtapException e) {
    CtapStatus status = e.status();
    if (status.equals(CtapStatus.CREDENTIAL_EXCLUDED)) {
      return new WebAuthnClientException(
          INVALID_STATE,
          "This security key is already registered with this account. Use another key, or"
              + " remove the old registration first.");
    }
    if (status.equals(CtapStatus.NO_CREDENTIALS)) {
      return new WebAuthnClientException(
          NOT_ALLOWED,
          "This security key is not registered with this account for this site. Use the key you"
              + " registered, or register this one first.");
    }
    if (status.equals(CtapStatus.OPERATION_DENIED)
        || status.equals(CtapStatus.USER_ACTION_TIMEOUT)
        || status.equals(CtapStatus.ACTION_TIMEOUT)) {
      return new WebAuthnClientException(
          NOT_ALLOWED, "The key was not touched, or the request was declined. Try again.");
    }
    if (status.equals(CtapStatus.UNSUPPORTED_ALGORITHM)) {
      return new WebAuthnClientException(
          NOT_SUPPORTED, "The key supports none of the site's algorithms. Use another key.");
    }
    if (status.equals(CtapStatus.UNSUPPORTED_OPTION)) {
      return new WebAuthnClientException(
          CONSTRAINT_ERROR,
          "The key cannot do what the site asks (" + e.getMessage() + "). Use another key.");
    }
    if (e instanceof PinException || PinException.forStatus(status).isPresent()) {
      String message =
          e instanceof PinException
              ? e.getMessage()
              : PinException.forStatus(status).get().getMessage();
      return new WebAuthnClientException(NOT_ALLOWED, message, e);
    }
    return new WebAuthnClientException(UNKNOWN_ERROR, e.getMessage(), e);
  }

  static WebAuthnClientException transport(TransportException e) {
    return new WebAuthnClientException(
        UNKNOWN_ERROR,
        "Lost contact with the security key (" + e.getMessage() + "). Re-insert it and try again.",
        e);
  }
}
