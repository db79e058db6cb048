package io.keydesk.app;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinException;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.ctap2.RpEntity;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import io.keydesk.webauthn.AttestationObject;
import io.keydesk.webauthn.AttestationResult;
import io.keydesk.webauthn.AttestationVerifier;
import io.keydesk.webauthn.AttestedCredentialData;
import io.keydesk.webauthn.AuthenticatorData;
import io.keydesk.webauthn.CoseKey;
import io.keydesk.webauthn.WebAuthnClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * makeCredential and getAssertion at the CTAP level (CTAP 2.1 sections 6.1 to 6.3), for testing a
 * key without a browser: with an optional PIN token (section 6.5.5.7), and with verification of the
 * attestation statement (WebAuthn L3 section 8) and of assertion signatures (section 6.3.3) with
 * the credential public key.
 */
public final class CredentialTester {
  private final DeviceSession session;

  public CredentialTester(DeviceSession session) {
    this.session = session;
  }

  /** What to register. {@code algorithms} in order of preference (COSE identifiers). */
  public record Registration(
      String rpId,
      UserEntity user,
      boolean residentKey,
      boolean userVerification,
      List<Long> algorithms,
      List<Bytes> excludeList,
      Bytes clientDataHash) {
    public Registration {
      Objects.requireNonNull(rpId, "rpId");
      Objects.requireNonNull(user, "user");
      algorithms = List.copyOf(algorithms);
      excludeList = List.copyOf(excludeList);
      Objects.requireNonNull(clientDataHash, "clientDataHash");
      if (algorithms.isEmpty()) {
        throw new IllegalArgumentException("at least one algorithm is needed");
      }
    }
  }

  /** What to authenticate. An empty allowList asks for discoverable credentials. */
  public record Authentication(
      String rpId, List<Bytes> allowList, boolean userVerification, Bytes clientDataHash) {
    public Authentication {
      Objects.requireNonNull(rpId, "rpId");
      allowList = List.copyOf(allowList);
      Objects.requireNonNull(clientDataHash, "clientDataHash");
    }
  }

  /** The outcome of a check: whether it passed and what was found, one line each. */
  public record Verification(boolean verified, List<String> lines) {
    public Verification {
      lines = List.copyOf(lines);
    }
  }

  /** A new credential, with its attestation check when asked for. */
  public record Created(
      MakeCredentialResponse response,
      AuthenticatorData authData,
      Bytes credentialId,
      Bytes publicKey,
      Optional<Verification> verification) {}

  /** One assertion, with its signature check when asked for. */
  public record Asserted(
      GetAssertionResponse response,
      Bytes credentialId,
      AuthenticatorData authData,
      Optional<Verification> verification) {}

  /**
   * Whether the operation needs the PIN on this key: when UV is asked for (or always required) and
   * a PIN is set, and for makeCredential also when the key requires UV to create credentials (CTAP
   * 2.1 section 6.1.2 step 6: no makeCredUvNotRqd, or a discoverable credential).
   */
  public boolean needsPin(boolean makeCredential, boolean userVerification, boolean residentKey) {
    Info info = session.info();
    if (!info.isPinSet().orElse(false)) {
      return false;
    }
    if (userVerification || info.isOptionEnabled(Info.OPTION_ALWAYS_UV)) {
      return true;
    }
    return makeCredential
        && (residentKey || !info.isOptionEnabled(Info.OPTION_MAKE_CRED_UV_NOT_RQD));
  }

  /**
   * authenticatorMakeCredential. With a PIN, gets a token with the mc permission for the RP and
   * sends pinUvAuthParam; with {@code userVerification} and no PIN, asks the key's built-in UV.
   * Zeroes {@code pin}.
   */
  public Created makeCredential(
      Registration registration, Optional<char[]> pin, boolean verify, KeepaliveListener keepalive)
      throws CtapException, TransportException {
    MakeCredentialRequest.Builder request =
        MakeCredentialRequest.builder(
            registration.clientDataHash(),
            RpEntity.of(registration.rpId()),
            registration.user(),
            registration.algorithms().stream().map(CredentialParameters::publicKey).toList());
    request.excludeList(
        registration.excludeList().stream().map(PublicKeyCredentialDescriptor::publicKey).toList());
    RequestOptions options = RequestOptions.none();
    if (registration.residentKey()) {
      options = options.withRk(true);
    }
    Optional<PinUvAuthToken> token =
        token(
            pin, Permission.MAKE_CREDENTIAL, registration.rpId(), registration.userVerification());
    try {
      if (token.isPresent()) {
        request.pinUvAuth(
            Bytes.of(token.get().authenticate(registration.clientDataHash().toArray())),
            token.get().protocol().version());
      } else if (registration.userVerification()) {
        options = options.withUv(true);
      }
      request.options(options);
      MakeCredentialResponse response =
          session.ctap2().makeCredential(request.build(), CancelToken.none(), keepalive);
      return created(registration, response, verify);
    } catch (CtapException e) {
      throw explain(e);
    } finally {
      token.ifPresent(PinUvAuthToken::close);
    }
  }

  /**
   * authenticatorGetAssertion, then getNextAssertion for every further credential. Each assertion's
   * signature is checked against {@code publicKeys} (COSE keys) when {@code verify}. Zeroes {@code
   * pin}.
   */
  public List<Asserted> getAssertion(
      Authentication authentication,
      Optional<char[]> pin,
      List<Bytes> publicKeys,
      boolean verify,
      KeepaliveListener keepalive)
      throws CtapException, TransportException {
    GetAssertionRequest.Builder request =
        GetAssertionRequest.builder(authentication.rpId(), authentication.clientDataHash())
            .allowList(
                authentication.allowList().stream()
                    .map(PublicKeyCredentialDescriptor::publicKey)
                    .toList());
    Optional<PinUvAuthToken> token =
        token(
            pin,
            Permission.GET_ASSERTION,
            authentication.rpId(),
            authentication.userVerification());
    List<Asserted> out = new ArrayList<>();
    try {
      if (token.isPresent()) {
        request.pinUvAuth(
            Bytes.of(token.get().authenticate(authentication.clientDataHash().toArray())),
            token.get().protocol().version());
      } else if (authentication.userVerification()) {
        request.options(RequestOptions.none().withUv(true));
      }
      GetAssertionResponse first =
          session.ctap2().getAssertion(request.build(), CancelToken.none(), keepalive);
      out.add(asserted(authentication, first, publicKeys, verify));
      int count = first.numberOfCredentials().orElse(1);
      for (int i = 1; i < count; i++) {
        out.add(asserted(authentication, session.ctap2().getNextAssertion(), publicKeys, verify));
      }
      return out;
    } catch (CtapException e) {
      throw explain(e);
    } finally {
      token.ifPresent(PinUvAuthToken::close);
    }
  }

  private Optional<PinUvAuthToken> token(
      Optional<char[]> pin, Permission permission, String rpId, boolean userVerification)
      throws CtapException, TransportException {
    if (pin.isEmpty()) {
      if (userVerification
          && !session.info().isPinSet().orElse(false)
          && !session.info().isUvConfigured().orElse(false)) {
        throw new CtapException(
            CtapStatus.UNSUPPORTED_OPTION,
            "User verification was asked for, but "
                + session.describe()
                + " has neither a PIN nor built-in verification. Set a PIN first ('keydesk pin"
                + " set'), then try again.");
      }
      return Optional.empty();
    }
    char[] secret = pin.get();
    try {
      return Optional.of(
          session
              .clientPin()
              .tokenFor(session.info(), secret, Set.of(permission), Optional.of(rpId)));
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static CtapException explain(CtapException e) {
    if (e instanceof PinException) {
      return e;
    }
    return PinException.forStatus(e.status()).map(CtapException.class::cast).orElse(e);
  }

  private static Created created(
      Registration registration, MakeCredentialResponse response, boolean verify)
      throws CtapException {
    AuthenticatorData authData = parse(response.authData());
    AttestedCredentialData attested =
        authData
            .attestedCredentialData()
            .orElseThrow(
                () ->
                    new CtapException(
                        CtapStatus.INVALID_CBOR,
                        "The key's makeCredential response has no attested credential data (AT"
                            + " flag clear); the key is faulty."));
    Optional<Verification> verification = Optional.empty();
    if (verify) {
      List<String> lines = new ArrayList<>();
      boolean ok =
          checkAuthData(authData, registration.rpId(), registration.userVerification(), lines);
      AttestationResult result =
          AttestationVerifier.verify(
              new AttestationObject(response.fmt(), response.attStmt(), response.authData()),
              registration.clientDataHash());
      if (result.verified()) {
        lines.add(
            "attestation signature verified ("
                + result.format()
                + ", "
                + result.type().name().toLowerCase(Locale.ROOT)
                + "): "
                + result.message());
      } else {
        lines.add(
            "attestation signature NOT verified (" + result.format() + "): " + result.message());
        ok = false;
      }
      verification = Optional.of(new Verification(ok, lines));
    }
    return new Created(
        response,
        authData,
        attested.credentialId(),
        attested.credentialPublicKeyBytes(),
        verification);
  }

  private static Asserted asserted(
      Authentication authentication,
      GetAssertionResponse response,
      List<Bytes> publicKeys,
      boolean verify)
      throws CtapException {
    AuthenticatorData authData = parse(response.authData());
    Bytes credentialId =
        response
            .credential()
            .map(PublicKeyCredentialDescriptor::id)
            .or(
                () ->
                    authentication.allowList().size() == 1
                        ? Optional.of(authentication.allowList().get(0))
                        : Optional.empty())
            .orElseThrow(
                () ->
                    new CtapException(
                        CtapStatus.MISSING_PARAMETER,
                        "The key's assertion does not say which credential signed it; the key is"
                            + " faulty."));
    Optional<Verification> verification = Optional.empty();
    if (verify) {
      List<String> lines = new ArrayList<>();
      boolean ok =
          checkAuthData(authData, authentication.rpId(), authentication.userVerification(), lines);
      ok &= checkSignature(response, authentication.clientDataHash(), publicKeys, lines);
      verification = Optional.of(new Verification(ok, lines));
    }
    return new Asserted(response, credentialId, authData, verification);
  }

  private static boolean checkSignature(
      GetAssertionResponse response,
      Bytes clientDataHash,
      List<Bytes> publicKeys,
      List<String> lines) {
    if (publicKeys.isEmpty()) {
      lines.add(
          "assertion signature NOT verified: no credential public key was given (pass the"
              + " publicKey that make-credential printed)");
      return false;
    }
    Bytes signed = Bytes.concat(response.authData(), clientDataHash);
    List<String> problems = new ArrayList<>();
    for (Bytes encoded : publicKeys) {
      try {
        CoseKey key = CoseKey.decode(encoded);
        if (key.verify(signed, response.signature())) {
          lines.add(
              "assertion signature verified with the credential public key ("
                  + key.algorithm()
                  + ")");
          return true;
        }
        problems.add("it does not verify with the " + key.algorithm() + " key given");
      } catch (WebAuthnClientException e) {
        problems.add(e.getMessage());
      }
    }
    lines.add("assertion signature NOT verified: " + String.join("; ", problems));
    return false;
  }

  private static boolean checkAuthData(
      AuthenticatorData authData, String rpId, boolean userVerification, List<String> lines) {
    boolean ok = true;
    if (authData.rpIdHash().equals(Bytes.of(sha256(rpId)))) {
      lines.add("rpIdHash matches SHA-256(\"" + rpId + "\")");
    } else {
      lines.add("rpIdHash does NOT match SHA-256(\"" + rpId + "\")");
      ok = false;
    }
    if (authData.userPresent()) {
      lines.add("user present (UP)");
    } else {
      lines.add("user presence flag NOT set");
      ok = false;
    }
    if (authData.userVerified()) {
      lines.add("user verified (UV)");
    } else if (userVerification) {
      lines.add("user verification was asked for but the UV flag is NOT set");
      ok = false;
    }
    lines.add("signature counter " + authData.signCount());
    return ok;
  }

  private static AuthenticatorData parse(Bytes authData) throws CtapException {
    try {
      return AuthenticatorData.parse(authData);
    } catch (WebAuthnClientException e) {
      throw new CtapException(CtapStatus.INVALID_CBOR, e.getMessage());
    }
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
