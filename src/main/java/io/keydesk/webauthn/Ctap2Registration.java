package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.CONSTRAINT_ERROR;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_SUPPORTED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.ctap2.RpEntity;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.TransportException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One registration on a CTAP2 key (WebAuthn L3 §5.1.3 with the CTAP 2.1 §10 mapping to
 * authenticatorMakeCredential); {@link WebAuthnClient#create} runs it.
 */
final class Ctap2Registration {
  private final Ctap2 ctap;
  private final Info info;
  private final WebAuthnClient.CreateInputs in;
  private final Ceremony ceremony;
  private final UserVerifier verifier;

  Ctap2Registration(
      Ctap2 ctap,
      Info info,
      WebAuthnClient.CreateInputs in,
      UserInteraction ui,
      Ceremony ceremony) {
    this.ctap = ctap;
    this.info = info;
    this.in = in;
    this.ceremony = ceremony;
    this.verifier = new UserVerifier(ctap.channel(), info, ui, ceremony);
  }

  RegistrationResponseJSON run() throws WebAuthnClientException, CtapException, TransportException {
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
    UvRetry retry = new UvRetry(info, true);
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
        plan = retry.after(e, plan);
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

  private RegistrationResponseJSON registrationResponse(MakeCredentialResponse response, boolean rk)
      throws WebAuthnClientException {
    AttestationObject attestation =
        AttestationConveyance.apply(
            in.attestation(),
            new AttestationObject(response.fmt(), response.attStmt(), response.authData()));
    AuthenticatorData authData = attestation.authData();
    ObjectNode results = in.extensions().results(rk, authData.extensions());
    List<String> transports =
        info.transports().isEmpty() ? WebAuthnClient.DEFAULT_TRANSPORTS : info.transports();
    return Responses.registration(attestation, authData, in.clientDataJson(), transports, results);
  }
}
