package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.CONSTRAINT_ERROR;
import static io.keydesk.webauthn.WebAuthnClientException.Code.INVALID_STATE;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_ALLOWED;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_SUPPORTED;
import static io.keydesk.webauthn.WebAuthnClientException.Code.UNKNOWN_ERROR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinException;
import io.keydesk.ctap2.PinProtocol;
import io.keydesk.ctap2.PinRules;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.ctap2.RpEntity;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CancelledException;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidError;
import io.keydesk.hid.CtapHidException;
import io.keydesk.hid.TransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(WebAuthnClient.class);

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
    try (Ceremony ceremony = new Ceremony(cancel, options.timeout(), ui)) {
      try {
        Optional<Info> info = info();
        if (info.isEmpty()) {
          return new U2fCeremonies(device, ceremony).register(in);
        }
        return new Registration(info.get(), in, ui, ceremony).run();
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
    try (Ceremony ceremony = new Ceremony(cancel, options.timeout(), ui)) {
      try {
        Optional<Info> info = info();
        if (info.isEmpty()) {
          return new U2fCeremonies(device, ceremony).authenticate(in);
        }
        return new Authentication(info.get(), in, ui, ceremony).run();
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

    static CreateInputs check(
        PublicKeyCredentialCreationOptionsJSON options, String callerOrigin)
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

  /** One registration on a CTAP2 key. */
  private final class Registration {
    private final Info info;
    private final CreateInputs in;
    private final Ceremony ceremony;
    private final UserVerifier verifier;

    Registration(Info info, CreateInputs in, UserInteraction ui, Ceremony ceremony) {
      this.info = info;
      this.in = in;
      this.ceremony = ceremony;
      this.verifier = new UserVerifier(ctap.channel(), info, ui, ceremony);
    }

    RegistrationResponseJSON run()
        throws WebAuthnClientException, CtapException, TransportException {
      List<CredentialParameters> params = keyAlgorithms();
      boolean rkSupported = info.isOptionEnabled(Info.OPTION_RK);
      String rkRequirement = in.residentKey();
      if (rkRequirement.equals(AuthenticatorSelectionCriteria.REQUIRED) && !rkSupported) {
        throw new WebAuthnClientException(
            CONSTRAINT_ERROR,
            "The site needs a passkey stored on the key (resident key), which this key cannot"
                + " store. Use a FIDO2 key that supports discoverable credentials.");
      }
      boolean rk =
          rkRequirement.equals(AuthenticatorSelectionCriteria.REQUIRED)
              || (rkRequirement.equals(AuthenticatorSelectionCriteria.PREFERRED) && rkSupported);
      Optional<CborMap> extensions = in.extensions().toCtap(info);
      UvPlan plan = UvPlan.decide(info, in.userVerification(), true);
      List<PublicKeyCredentialDescriptor> exclude = in.excludeList();
      Set<Permission> permissions =
          exclude.isEmpty()
              ? EnumSet.of(Permission.MAKE_CREDENTIAL)
              : EnumSet.of(Permission.MAKE_CREDENTIAL, Permission.GET_ASSERTION);
      boolean retriedWithUv = false;
      boolean retriedWithPin = false;
      while (true) {
        Optional<PinUvAuthToken> token = verifier.token(plan, permissions, in.rpId());
        try {
          List<PublicKeyCredentialDescriptor> excluded = List.of();
          if (!exclude.isEmpty()) {
            excluded =
                CredentialListProbe.find(ctap, info, in.rpId(), exclude, token, ceremony.token())
                    .map(List::of)
                    .orElse(List.of());
          }
          MakeCredentialResponse response =
              makeCredential(params, rk, extensions, plan, token, excluded);
          return registrationResponse(response, rk);
        } catch (CtapException e) {
          if (e.status().equals(CtapStatus.PUAT_REQUIRED) && !plan.verifies() && !retriedWithUv) {
            retriedWithUv = true;
            plan = UvPlan.decide(info, AuthenticatorSelectionCriteria.REQUIRED, true);
            continue;
          }
          if (e.status().equals(CtapStatus.UV_BLOCKED)
              && plan.method() == UvPlan.Method.UV_OPTION
              && info.isPinSet().orElse(false)
              && !retriedWithPin) {
            retriedWithPin = true;
            plan = UvPlan.pin(info);
            continue;
          }
          throw e;
        } finally {
          token.ifPresent(PinUvAuthToken::close);
        }
      }
    }

    private List<CredentialParameters> keyAlgorithms() throws WebAuthnClientException {
      List<CredentialParameters> params = new ArrayList<>();
      for (PublicKeyCredentialParameters p : in.algorithms()) {
        CredentialParameters candidate = new CredentialParameters(p.type(), p.alg());
        if (info.algorithms().isEmpty() || info.algorithms().contains(candidate)) {
          params.add(candidate);
        }
      }
      if (params.isEmpty()) {
        throw new WebAuthnClientException(
            NOT_SUPPORTED,
            "This key supports none of the site's algorithms "
                + in.algorithms().stream().map(PublicKeyCredentialParameters::alg).toList()
                + " (the key offers "
                + info.algorithms().stream().map(CredentialParameters::alg).toList()
                + "). Use another security key.");
      }
      return params;
    }

    private MakeCredentialResponse makeCredential(
        List<CredentialParameters> params,
        boolean rk,
        Optional<CborMap> extensions,
        UvPlan plan,
        Optional<PinUvAuthToken> token,
        List<PublicKeyCredentialDescriptor> excluded)
        throws CtapException, TransportException {
      PublicKeyCredentialUserEntityJSON user = in.options().user();
      RequestOptions options = RequestOptions.none();
      if (rk) {
        options = options.withRk(true);
      }
      if (plan.method() == UvPlan.Method.UV_OPTION) {
        options = options.withUv(true);
      }
      MakeCredentialRequest.Builder request =
          MakeCredentialRequest.builder(
                  in.clientDataHash(),
                  new RpEntity(in.rpId(), in.options().rp().name()),
                  new UserEntity(user.id(), user.name(), user.displayName()),
                  params)
              .excludeList(excluded)
              .options(options)
              .attestationFormatsPreference(
                  AttestationConveyance.formatsPreference(
                      in.attestation(), in.options().attestationFormats(), info));
      extensions.ifPresent(request::extensions);
      token.ifPresent(
          t ->
              request.pinUvAuth(
                  Bytes.of(t.authenticate(in.clientDataHash().toArray())), t.protocol().version()));
      return ctap.makeCredential(request.build(), ceremony.token(), ceremony.keepalive());
    }

    private RegistrationResponseJSON registrationResponse(
        MakeCredentialResponse response, boolean rk) throws WebAuthnClientException {
      AttestationObject attestation =
          AttestationConveyance.apply(
              in.attestation(),
              new AttestationObject(response.fmt(), response.attStmt(), response.authData()));
      AuthenticatorData authData = attestation.authData();
      ObjectNode results = in.extensions().results(rk, authData.extensions());
      List<String> transports =
          info.transports().isEmpty() ? DEFAULT_TRANSPORTS : info.transports();
      return Responses.registration(
          attestation, authData, in.clientDataJson(), transports, results);
    }
  }

  /** One authentication on a CTAP2 key. */
  private final class Authentication {
    private final Info info;
    private final GetInputs in;
    private final Ceremony ceremony;
    private final UserVerifier verifier;

    Authentication(Info info, GetInputs in, UserInteraction ui, Ceremony ceremony) {
      this.info = info;
      this.in = in;
      this.ceremony = ceremony;
      this.verifier = new UserVerifier(ctap.channel(), info, ui, ceremony);
    }

    AuthenticationResponseJSON run()
        throws WebAuthnClientException, CtapException, TransportException {
      UvPlan plan = UvPlan.decide(info, in.options().effectiveUserVerification(), false);
      Set<Permission> permissions = EnumSet.of(Permission.GET_ASSERTION);
      List<PublicKeyCredentialDescriptor> allow = in.allowList();
      boolean retriedWithUv = false;
      boolean retriedWithPin = false;
      while (true) {
        Optional<PinUvAuthToken> token = verifier.token(plan, permissions, in.rpId());
        try {
          List<PublicKeyCredentialDescriptor> allowList = List.of();
          Optional<Bytes> matched = Optional.empty();
          if (!allow.isEmpty()) {
            Optional<PublicKeyCredentialDescriptor> found =
                CredentialListProbe.find(ctap, info, in.rpId(), allow, token, ceremony.token());
            matched = found.map(PublicKeyCredentialDescriptor::id);
            allowList =
                List.of(found.orElse(PublicKeyCredentialDescriptor.publicKey(DUMMY_CREDENTIAL_ID)));
          }
          return getAssertion(plan, token, allowList, matched);
        } catch (CtapException e) {
          if (e.status().equals(CtapStatus.PUAT_REQUIRED) && !plan.verifies() && !retriedWithUv) {
            retriedWithUv = true;
            plan = UvPlan.decide(info, AuthenticatorSelectionCriteria.REQUIRED, false);
            continue;
          }
          if (e.status().equals(CtapStatus.UV_BLOCKED)
              && plan.method() == UvPlan.Method.UV_OPTION
              && info.isPinSet().orElse(false)
              && !retriedWithPin) {
            retriedWithPin = true;
            plan = UvPlan.pin(info);
            continue;
          }
          throw e;
        } finally {
          token.ifPresent(PinUvAuthToken::close);
        }
      }
    }

    private AuthenticationResponseJSON getAssertion(
        UvPlan plan,
        Optional<PinUvAuthToken> token,
        List<PublicKeyCredentialDescriptor> allowList,
        Optional<Bytes> matched)
        throws WebAuthnClientException, CtapException, TransportException {
      GetAssertionRequest.Builder request =
          GetAssertionRequest.builder(in.rpId(), in.clientDataHash()).allowList(allowList);
      if (plan.method() == UvPlan.Method.UV_OPTION) {
        request.options(RequestOptions.none().withUv(true));
      }
      token.ifPresent(
          t ->
              request.pinUvAuth(
                  Bytes.of(t.authenticate(in.clientDataHash().toArray())), t.protocol().version()));
      Optional<ClientExtensions.Salts> hmacSalts = in.extensions().hmacGetSecret();
      Optional<ClientExtensions.Salts> prfSalts = in.extensions().prfFor(matched);
      Optional<ClientExtensions.Salts> salts = hmacSalts.or(() -> prfSalts);
      HmacSecret hmac = null;
      try {
        if (salts.isPresent() && info.supportsExtension(HmacSecret.EXTENSION)) {
          PinProtocol protocol = token.map(PinUvAuthToken::protocol).orElse(UvPlan.protocol(info));
          ClientPin clientPin =
              new ClientPin(ctap.channel(), protocol, PinRules.of(info.minPinLength()));
          hmac = new HmacSecret(protocol, protocol.encapsulate(clientPin.getKeyAgreement()));
          request.extensions(
              CborMap.builder()
                  .put(HmacSecret.EXTENSION, hmac.input(salts.get().first(), salts.get().second()))
                  .build());
        }
        GetAssertionResponse response =
            ctap.getAssertion(request.build(), ceremony.token(), ceremony.keepalive());
        if (response.numberOfCredentials().orElse(1) > 1) {
          LOG.info(
              "the key holds {} passkeys for {}; using the first it returned",
              response.numberOfCredentials().get(),
              in.rpId());
        }
        Bytes credentialId =
            response
                .credential()
                .map(PublicKeyCredentialDescriptor::id)
                .or(
                    () ->
                        allowList.size() == 1
                            ? Optional.of(allowList.get(0).id())
                            : Optional.empty())
                .orElseThrow(
                    () ->
                        new WebAuthnClientException(
                            UNKNOWN_ERROR,
                            "The key did not say which credential it used. Try again, or use"
                                + " another key."));
        AuthenticatorData authData = AuthenticatorData.parse(response.authData());
        ObjectNode results = WebAuthnJson.mapper().createObjectNode();
        Optional<Bytes> encrypted =
            authData
                .extensions()
                .flatMap(map -> map.get(HmacSecret.EXTENSION))
                .filter(Bytes.class::isInstance)
                .map(Bytes.class::cast);
        if (hmac != null && encrypted.isPresent()) {
          List<Bytes> outputs = hmac.outputs(encrypted.get());
          if (hmacSalts.isPresent()) {
            ObjectNode node = results.putObject(ClientExtensions.HMAC_GET_SECRET);
            node.put("output1", outputs.get(0).base64Url());
            if (outputs.size() > 1) {
              node.put("output2", outputs.get(1).base64Url());
            }
          } else {
            ObjectNode node = results.putObject(ClientExtensions.PRF).putObject("results");
            node.put("first", outputs.get(0).base64Url());
            if (outputs.size() > 1) {
              node.put("second", outputs.get(1).base64Url());
            }
          }
        } else if (in.extensions().prfRequested()) {
          results.putObject(ClientExtensions.PRF);
        }
        return Responses.authentication(
            credentialId,
            response.authData(),
            response.signature(),
            response.user().map(UserEntity::id),
            in.clientDataJson(),
            results);
      } finally {
        if (hmac != null) {
          hmac.close();
        }
      }
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
