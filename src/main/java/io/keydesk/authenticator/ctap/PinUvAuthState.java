package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.AuthenticatorKeyAgreement;
import io.keydesk.ctap2.PinProtocol;
import io.keydesk.ctap2.PinProtocolV1;
import io.keydesk.ctap2.PinProtocolV2;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The volatile half of PIN/UV auth (CTAP 2.1 section 6.5.2.1 and 6.5.5.7): one key-agreement key
 * per PIN/UV auth protocol (made at power-up, regenerated after a wrong PIN), and the
 * pinUvAuthToken with its state: the protocol it was issued under, permissions, permissions RP ID,
 * the userVerified and userPresent flags, and its usage timers (used first within 30 s of issue,
 * never after 10 minutes). Nothing here is persisted; a power cycle renews it all.
 */
public final class PinUvAuthState {
  /** pinUvAuthProtocols in order of preference, as getInfo lists them. */
  public static final List<Integer> PROTOCOLS =
      List.of(PinProtocolV2.VERSION, PinProtocolV1.VERSION);

  static final Duration INITIAL_USAGE_LIMIT = Duration.ofSeconds(30);
  static final Duration MAX_USAGE_PERIOD = Duration.ofMinutes(10);

  /** Permission bits this authenticator grants: mc (0x01) and ga (0x02). */
  static final int SUPPORTED_PERMISSIONS = 0x03;

  private final Map<Integer, AuthenticatorKeyAgreement> keyAgreements = new LinkedHashMap<>();
  private byte[] token = Crypto.random(PinProtocol.AUTHENTICATOR_TOKEN_LENGTH);
  private boolean inUse;
  private int tokenProtocol;
  private int permissions;
  private Optional<String> rpId = Optional.empty();
  private boolean userVerified;
  private Instant issuedAt = Instant.EPOCH;
  private boolean used;

  public PinUvAuthState() {
    for (int version : PROTOCOLS) {
      keyAgreements.put(version, new AuthenticatorKeyAgreement(PinProtocol.of(version).get()));
    }
  }

  /** The authenticator side of protocol {@code version}, if supported. */
  public Optional<AuthenticatorKeyAgreement> keyAgreement(long version) {
    return Optional.ofNullable(keyAgreements.get((int) version));
  }

  /** Power-up: new key-agreement keys and a new, unused token. */
  public void powerCycle() {
    keyAgreements.values().forEach(AuthenticatorKeyAgreement::regenerate);
    resetToken();
  }

  /** resetPinUvAuthToken(): a new random token that nobody holds yet. */
  public void resetToken() {
    Arrays.fill(token, (byte) 0);
    token = Crypto.random(PinProtocol.AUTHENTICATOR_TOKEN_LENGTH);
    inUse = false;
    permissions = 0;
    rpId = Optional.empty();
    userVerified = false;
    used = false;
  }

  /**
   * beginUsingPinUvAuthToken() after a correct PIN: grants {@code grantedPermissions} bound to
   * {@code boundRpId} and returns the token to encrypt for the platform (the caller zeroes it).
   */
  public byte[] issue(
      int protocol, int grantedPermissions, Optional<String> boundRpId, Instant now) {
    resetToken();
    inUse = true;
    tokenProtocol = protocol;
    permissions = grantedPermissions;
    rpId = boundRpId;
    userVerified = true;
    issuedAt = now;
    return token.clone();
  }

  /**
   * Checks a pinUvAuthParam over {@code message} for a command that needs {@code permission} for
   * {@code requestRpId} (section 6.1.2 step 11, 6.2.2 step 6). Binds the token to the RP when it
   * has none yet. False (the caller answers PIN_AUTH_INVALID) when the token is not in use or has
   * expired, was issued under another protocol, the MAC is wrong, the permission is missing, the
   * token is bound to another RP, or its userVerified flag was already consumed.
   */
  public boolean verify(
      int protocol, Bytes message, Bytes param, int permission, String requestRpId, Instant now) {
    if (!isUsable(now) || protocol != tokenProtocol) {
      return false;
    }
    PinProtocol pinProtocol = keyAgreements.get(protocol).protocol();
    if (!pinProtocol.verify(token, message.toArray(), param.toArray())) {
      return false;
    }
    if ((permissions & permission) == 0) {
      return false;
    }
    if (rpId.isPresent() && !rpId.get().equals(requestRpId)) {
      return false;
    }
    if (!userVerified) {
      return false;
    }
    rpId = Optional.of(requestRpId);
    used = true;
    return true;
  }

  /**
   * After a makeCredential or getAssertion with user presence that used the token:
   * clearUserPresentFlag(), clearUserVerifiedFlag() and clearPinUvAuthTokenPermissionsExceptLbw()
   * (section 6.1.2 step 14, 6.2.2 step 9). The token then needs renewing for the next one.
   */
  public void consumed() {
    userVerified = false;
    permissions = 0;
  }

  private boolean isUsable(Instant now) {
    if (!inUse) {
      return false;
    }
    if (!used && now.isAfter(issuedAt.plus(INITIAL_USAGE_LIMIT))) {
      inUse = false;
      return false;
    }
    if (now.isAfter(issuedAt.plus(MAX_USAGE_PERIOD))) {
      inUse = false;
      return false;
    }
    return true;
  }
}
