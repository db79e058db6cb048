package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.UNKNOWN_ERROR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinProtocol;
import io.keydesk.ctap2.PinRules;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.TransportException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authentication on a CTAP2 key (WebAuthn L3 §5.1.4 with the CTAP 2.1 §10 mapping to
 * authenticatorGetAssertion); {@link WebAuthnClient#get} runs it.
 */
final class Ctap2Authentication {
  private static final Logger LOG = LoggerFactory.getLogger(Ctap2Authentication.class);

  private final Ctap2 ctap;
  private final Info info;
  private final WebAuthnClient.GetInputs in;
  private final Ceremony ceremony;
  private final UserVerifier verifier;

  Ctap2Authentication(
      Ctap2 ctap, Info info, WebAuthnClient.GetInputs in, UserInteraction ui, Ceremony ceremony) {
    this.ctap = ctap;
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
    UvRetry retry = new UvRetry(info, false);
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
              List.of(
                  found.orElse(
                      PublicKeyCredentialDescriptor.publicKey(WebAuthnClient.DUMMY_CREDENTIAL_ID)));
        }
        return getAssertion(plan, token, allowList, matched);
      } catch (CtapException e) {
        plan = retry.after(e, plan);
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
                      allowList.size() == 1 ? Optional.of(allowList.get(0).id()) : Optional.empty())
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
