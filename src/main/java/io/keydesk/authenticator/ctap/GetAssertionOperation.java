package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.UserEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * authenticatorGetAssertion (CTAP 2.1 section 6.2.2) and authenticatorGetNextAssertion (section
 * 6.3). With an allowList the first applicable credential answers; without one, the RP's
 * discoverable credentials answer most recent first, the first with numberOfCredentials and the
 * rest through getNextAssertion.
 *
 * <p>The user member: a discoverable credential always returns its user ID, and its name and
 * displayName only when the user was verified (section 6.2.2 step 12, "user identifiable
 * information ... MUST NOT be returned if user verification is not done"); a non-discoverable
 * credential returns no user (its ID does not carry one).
 */
final class GetAssertionOperation {
  /** ga permission bit (section 6.5.5.7). */
  static final int PERMISSION_GA = 0x02;

  private final DeviceContext device;

  GetAssertionOperation(DeviceContext device) {
    this.device = device;
  }

  /** The first assertion and, when more credentials remain, the session for the next ones. */
  record Result(GetAssertionResponse response, Optional<AssertionSession> session) {}

  Result run(GetAssertionRequest request, UserPresenceCheck presence)
      throws CtapException, CborException {
    PinState pin = device.state.pin();
    // Steps 1 and 2.
    PinUvAuthCheck.precheck(request.pinUvAuthParam(), request.pinUvAuthProtocol(), pin, presence);
    // Step 4: options.
    boolean hasParam = request.pinUvAuthParam().isPresent();
    if (request.options().rk().isPresent()) {
      throw new CtapException(
          CtapStatus.UNSUPPORTED_OPTION, "getAssertion does not take the rk option.");
    }
    if (!hasParam && request.options().uv().orElse(false)) {
      throw new CtapException(
          CtapStatus.INVALID_OPTION,
          "This authenticator has no built-in user verification; use its PIN instead.");
    }
    boolean userPresent = request.options().up().orElse(true);
    String rpId = request.rpId();
    Bytes rpIdHash = DeviceContext.rpIdHash(rpId);
    // Step 6: the pinUvAuthParam.
    boolean userVerified =
        PinUvAuthCheck.verify(
            device.tokens,
            request.pinUvAuthParam(),
            request.pinUvAuthProtocol(),
            request.clientDataHash(),
            PERMISSION_GA,
            rpId,
            device.now());
    // Step 7: the applicable credentials, credProtect applied.
    boolean byAllowList = !request.allowList().isEmpty();
    List<AssertionCandidate> candidates =
        byAllowList
            ? fromAllowList(request.allowList(), rpIdHash, userVerified)
            : discoverable(rpId, userVerified);
    if (candidates.isEmpty()) {
      throw new CtapException(CtapStatus.NO_CREDENTIALS);
    }
    // Step 8: extensions.
    Optional<HmacSecret> hmacSecret = Optional.empty();
    Optional<CborMap> extensions = request.extensions();
    if (extensions.isPresent() && extensions.get().has(HmacSecret.EXTENSION)) {
      hmacSecret =
          Optional.of(
              HmacSecret.parse(extensions.get().getMap(HmacSecret.EXTENSION), device.tokens));
    }
    try {
      // Step 9: user presence; a used token loses its flags and permissions.
      if (userPresent) {
        presence.require();
        if (hasParam) {
          device.tokens.consumed();
        }
      }
      AssertionCandidate first = candidates.get(0);
      GetAssertionResponse response =
          sign(first, rpIdHash, request.clientDataHash(), userPresent, userVerified, hmacSecret);
      if (byAllowList || candidates.size() == 1) {
        hmacSecret.ifPresent(HmacSecret::close);
        return new Result(response, Optional.empty());
      }
      AssertionSession session =
          new AssertionSession(
              rpId,
              request.clientDataHash(),
              userPresent,
              userVerified,
              hmacSecret,
              candidates.subList(1, candidates.size()),
              device.now());
      return new Result(response.withNumberOfCredentials(candidates.size()), Optional.of(session));
    } catch (CtapException | RuntimeException e) {
      hmacSecret.ifPresent(HmacSecret::close);
      throw e;
    }
  }

  /** getNextAssertion: the session's next credential. */
  GetAssertionResponse next(AssertionSession session) {
    AssertionCandidate candidate = session.next(device.now());
    return sign(
        candidate,
        DeviceContext.rpIdHash(session.rpId),
        session.clientDataHash,
        session.userPresent,
        session.userVerified,
        session.hmacSecret);
  }

  private List<AssertionCandidate> fromAllowList(
      List<PublicKeyCredentialDescriptor> allowList, Bytes rpIdHash, boolean userVerified)
      throws CtapException {
    List<AssertionCandidate> result = new ArrayList<>();
    for (PublicKeyCredentialDescriptor descriptor :
        CredentialLists.usable("allowList", allowList)) {
      Optional<CredentialMaterial> material = device.wrapper().unwrap(descriptor.id(), rpIdHash);
      if (material.isEmpty() || !material.get().credProtect().allowsAssertion(true, userVerified)) {
        continue;
      }
      Optional<UserEntity> user = Optional.empty();
      if (material.get().discoverable()) {
        Optional<DiscoverableCredential> stored = device.state.store().byId(descriptor.id());
        if (stored.isEmpty()) {
          continue; // replaced or deleted since
        }
        user = Optional.of(stored.get().user());
      }
      result.add(new AssertionCandidate(descriptor.id(), material.get(), user));
    }
    return result;
  }

  private List<AssertionCandidate> discoverable(String rpId, boolean userVerified) {
    return device.state.store().forRp(rpId).stream()
        .filter(c -> c.material().credProtect().allowsAssertion(false, userVerified))
        .map(c -> new AssertionCandidate(c.id(), c.material(), Optional.of(c.user())))
        .toList();
  }

  private GetAssertionResponse sign(
      AssertionCandidate candidate,
      Bytes rpIdHash,
      Bytes clientDataHash,
      boolean userPresent,
      boolean userVerified,
      Optional<HmacSecret> hmacSecret) {
    CborMap.Builder outputs = CborMap.builder();
    if (hmacSecret.isPresent() && candidate.material().hmacSecret()) {
      outputs.put(
          HmacSecret.EXTENSION, hmacSecret.get().output(candidate.material(), userVerified));
    }
    Bytes authData =
        new AuthenticatorDataBuilder(rpIdHash)
            .userPresent(userPresent)
            .userVerified(userVerified)
            .signCount(device.state.nextSignCount())
            .extensions(outputs.build())
            .build();
    Bytes signature =
        candidate.material().key().sign(Bytes.concat(authData, clientDataHash).toArray());
    GetAssertionResponse response =
        GetAssertionResponse.of(
            PublicKeyCredentialDescriptor.publicKey(candidate.id()), authData, signature);
    if (candidate.user().isPresent()) {
      UserEntity user = candidate.user().get();
      response = response.withUser(userVerified ? user : UserEntity.of(user.id()));
    }
    return response;
  }
}
