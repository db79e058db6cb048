package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.AuthenticatorKeyAgreement;
import io.keydesk.ctap2.ClientPinCodes.Request;
import io.keydesk.ctap2.ClientPinCodes.Response;
import io.keydesk.ctap2.ClientPinCodes.Subcommand;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Pin;
import io.keydesk.ctap2.PinProtocol;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * authenticatorClientPIN, authenticator side (CTAP 2.1 section 6.5.5): getPINRetries,
 * getKeyAgreement, setPIN, changePIN, getPinToken and getPinUvAuthTokenUsingPinWithPermissions. The
 * crypto is the shared {@link PinProtocol} implementation; this class holds the rules: 8 retries, 3
 * consecutive failures block until a power cycle, a wrong PIN regenerates the key agreement, a PIN
 * change or new token invalidates the old token. There is no built-in UV, so the UV subcommands
 * answer INVALID_SUBCOMMAND.
 */
final class ClientPinOperation {
  private static final Logger LOG = LoggerFactory.getLogger(ClientPinOperation.class);

  /** minPINLength in Unicode code points (section 6.4 member 0x0D). */
  static final int MIN_PIN_LENGTH = Pin.MIN_CODE_POINTS;

  private final DeviceContext device;

  ClientPinOperation(DeviceContext device) {
    this.device = device;
  }

  CborMap run(CborMap request) throws CtapException, CborException {
    long subcommand = request.getLong(Request.SUB_COMMAND);
    if (subcommand == Subcommand.GET_PIN_RETRIES) {
      PinState pin = device.state.pin();
      return CborMap.builder()
          .put(Response.PIN_RETRIES, (long) pin.retries())
          .put(Response.POWER_CYCLE_STATE, pin.isAuthBlocked())
          .build();
    }
    if (subcommand != Subcommand.GET_KEY_AGREEMENT
        && subcommand != Subcommand.SET_PIN
        && subcommand != Subcommand.CHANGE_PIN
        && subcommand != Subcommand.GET_PIN_TOKEN
        && subcommand != Subcommand.GET_PIN_UV_AUTH_TOKEN_USING_PIN_WITH_PERMISSIONS) {
      throw new CtapException(
          CtapStatus.INVALID_SUBCOMMAND,
          "clientPIN subcommand " + subcommand + " is not supported (no built-in UV).");
    }
    AuthenticatorKeyAgreement agreement = agreement(request);
    if (subcommand == Subcommand.GET_KEY_AGREEMENT) {
      return CborMap.builder().put(Response.KEY_AGREEMENT, agreement.getPublicKey()).build();
    }
    if (subcommand == Subcommand.SET_PIN) {
      setPin(request, agreement);
      return CborMap.empty();
    }
    if (subcommand == Subcommand.CHANGE_PIN) {
      changePin(request, agreement);
      return CborMap.empty();
    }
    return getToken(request, agreement, subcommand);
  }

  private AuthenticatorKeyAgreement agreement(CborMap request) throws CtapException, CborException {
    long version = request.getLong(Request.PIN_UV_AUTH_PROTOCOL);
    return device
        .tokens
        .keyAgreement(version)
        .orElseThrow(
            () ->
                new CtapException(
                    CtapStatus.INVALID_PARAMETER,
                    "PIN/UV auth protocol " + version + " is not supported; use 2 or 1."));
  }

  /** setPIN (section 6.5.5.5). */
  private void setPin(CborMap request, AuthenticatorKeyAgreement agreement)
      throws CtapException, CborException {
    CborMap keyAgreement = request.getMap(Request.KEY_AGREEMENT);
    Bytes param = request.getBytes(Request.PIN_UV_AUTH_PARAM);
    Bytes newPinEnc = request.getBytes(Request.NEW_PIN_ENC);
    PinState pin = device.state.pin();
    if (pin.isSet()) {
      throw new CtapException(
          CtapStatus.NOT_ALLOWED, "A PIN is already set; change it instead of setting it.");
    }
    byte[] secret = agreement.decapsulate(keyAgreement);
    try {
      PinProtocol protocol = agreement.protocol();
      if (!protocol.verify(secret, newPinEnc.toArray(), param.toArray())) {
        throw new CtapException(CtapStatus.PIN_AUTH_INVALID);
      }
      pin.set(newPinHash(protocol, secret, newPinEnc));
      device.tokens.resetToken();
      LOG.info("PIN set");
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** changePIN (section 6.5.5.6). */
  private void changePin(CborMap request, AuthenticatorKeyAgreement agreement)
      throws CtapException, CborException {
    CborMap keyAgreement = request.getMap(Request.KEY_AGREEMENT);
    Bytes param = request.getBytes(Request.PIN_UV_AUTH_PARAM);
    Bytes newPinEnc = request.getBytes(Request.NEW_PIN_ENC);
    Bytes pinHashEnc = request.getBytes(Request.PIN_HASH_ENC);
    checkUsable();
    byte[] secret = agreement.decapsulate(keyAgreement);
    try {
      PinProtocol protocol = agreement.protocol();
      byte[] authenticated = Bytes.concat(newPinEnc, pinHashEnc).toArray();
      if (!protocol.verify(secret, authenticated, param.toArray())) {
        throw new CtapException(CtapStatus.PIN_AUTH_INVALID);
      }
      checkPinHash(agreement, secret, pinHashEnc);
      device.state.pin().set(newPinHash(protocol, secret, newPinEnc));
      device.tokens.resetToken();
      LOG.info("PIN changed");
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** getPinToken (section 6.5.5.7.1) and getPinUvAuthTokenUsingPinWithPermissions (6.5.5.7.2). */
  private CborMap getToken(CborMap request, AuthenticatorKeyAgreement agreement, long subcommand)
      throws CtapException, CborException {
    CborMap keyAgreement = request.getMap(Request.KEY_AGREEMENT);
    Bytes pinHashEnc = request.getBytes(Request.PIN_HASH_ENC);
    int permissions;
    Optional<String> rpId = request.optString(Request.RP_ID);
    if (subcommand == Subcommand.GET_PIN_TOKEN) {
      if (request.has(Request.PERMISSIONS) || rpId.isPresent()) {
        throw new CtapException(
            CtapStatus.INVALID_PARAMETER, "getPinToken takes no permissions and no RP ID.");
      }
      permissions = MakeCredentialOperation.PERMISSION_MC | GetAssertionOperation.PERMISSION_GA;
    } else {
      long bits = request.getLong(Request.PERMISSIONS);
      if (bits == 0) {
        throw new CtapException(CtapStatus.INVALID_PARAMETER, "No permission was requested.");
      }
      if ((bits & ~PinUvAuthState.SUPPORTED_PERMISSIONS) != 0) {
        throw new CtapException(
            CtapStatus.UNAUTHORIZED_PERMISSION,
            "This authenticator grants only the mc and ga permissions.");
      }
      permissions = (int) bits;
    }
    checkUsable();
    byte[] secret = agreement.decapsulate(keyAgreement);
    byte[] token = null;
    try {
      checkPinHash(agreement, secret, pinHashEnc);
      token = device.tokens.issue(agreement.protocol().version(), permissions, rpId, device.now());
      return CborMap.builder()
          .put(Response.PIN_UV_AUTH_TOKEN, agreement.protocol().encrypt(secret, token))
          .build();
    } finally {
      Arrays.fill(secret, (byte) 0);
      if (token != null) {
        Arrays.fill(token, (byte) 0);
      }
    }
  }

  /** PIN set, not blocked, not blocked until power cycle (section 6.5.5.7.2 steps 3 and 4). */
  private void checkUsable() throws CtapException {
    PinState pin = device.state.pin();
    if (!pin.isSet()) {
      throw new CtapException(CtapStatus.PIN_NOT_SET);
    }
    if (pin.isBlocked()) {
      throw new CtapException(CtapStatus.PIN_BLOCKED);
    }
    if (pin.isAuthBlocked()) {
      throw new CtapException(CtapStatus.PIN_AUTH_BLOCKED);
    }
  }

  /**
   * Compares the decrypted pinHashEnc with the stored hash: one retry is spent first; a mismatch
   * regenerates the key agreement and answers PIN_INVALID, PIN_AUTH_BLOCKED (third in a row) or
   * PIN_BLOCKED (no retries left); a match restores the retries.
   */
  private void checkPinHash(AuthenticatorKeyAgreement agreement, byte[] secret, Bytes pinHashEnc)
      throws CtapException {
    PinState pin = device.state.pin();
    pin.consumeRetry();
    byte[] hash = agreement.protocol().decrypt(secret, pinHashEnc.toArray());
    try {
      if (hash.length != Pin.HASH_LENGTH
          || !Bytes.of(hash).constantTimeEquals(pin.pinHash().orElseThrow())) {
        agreement.regenerate();
        pin.failed();
        LOG.info("Wrong PIN; {} retries left", pin.retries());
        if (pin.isBlocked()) {
          throw new CtapException(CtapStatus.PIN_BLOCKED);
        }
        if (pin.isAuthBlocked()) {
          throw new CtapException(CtapStatus.PIN_AUTH_BLOCKED);
        }
        throw new CtapException(CtapStatus.PIN_INVALID);
      }
      pin.succeeded();
    } finally {
      Arrays.fill(hash, (byte) 0);
    }
  }

  /** Decrypts paddedNewPin and checks the PIN rules (section 6.5.5.5 steps 6 to 8). */
  private static Bytes newPinHash(PinProtocol protocol, byte[] secret, Bytes newPinEnc)
      throws CtapException {
    byte[] padded = protocol.decrypt(secret, newPinEnc.toArray());
    try {
      if (padded.length != Pin.PADDED_LENGTH) {
        throw new CtapException(
            CtapStatus.INVALID_PARAMETER, "The new PIN is not padded to 64 bytes.");
      }
      Optional<byte[]> utf8 = Pin.unpad(padded);
      if (utf8.isEmpty()) {
        throw new CtapException(
            CtapStatus.PIN_POLICY_VIOLATION, "The new PIN is longer than 63 bytes.");
      }
      try {
        if (Pin.codePointCount(utf8.get()) < MIN_PIN_LENGTH) {
          throw new CtapException(
              CtapStatus.PIN_POLICY_VIOLATION,
              "The new PIN is shorter than " + MIN_PIN_LENGTH + " characters.");
        }
        return Bytes.of(Pin.hash(utf8.get()));
      } finally {
        Arrays.fill(utf8.get(), (byte) 0);
      }
    } finally {
      Arrays.fill(padded, (byte) 0);
    }
  }
}
