package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPinCodes.Request;
import io.keydesk.ctap2.ClientPinCodes.Response;
import io.keydesk.ctap2.ClientPinCodes.Subcommand;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticatorClientPIN API (CTAP 2.1 section 6.5.5) from the platform side: retries, key
 * agreement, setting and changing the PIN, and getting pinUvAuthTokens with the PIN or with
 * built-in user verification.
 *
 * <p>PINs are passed as char[] and are <b>zeroed before each method returns</b>, also on failure,
 * together with every intermediate copy (UTF-8 bytes, padding, hashes, shared secrets). Errors
 * about the PIN are {@link PinException}s whose messages say the next step; after a wrong PIN the
 * retry counter is read from the key so the message can say how many tries are left.
 *
 * <p>Not thread-safe; use it from the device's worker thread.
 */
public final class ClientPin {
  private static final Logger LOG = LoggerFactory.getLogger(ClientPin.class);
  private static final Set<Permission> PIN_TOKEN_PERMISSIONS =
      EnumSet.of(Permission.MAKE_CREDENTIAL, Permission.GET_ASSERTION);

  private final CtapChannel channel;
  private final PinProtocol protocol;
  private final PinRules rules;
  private final Supplier<KeyAgreementKey> platformKeys;

  /**
   * @param protocol the PIN/UV auth protocol to use; see {@link #create}
   * @param rules the key's PIN rules (its getInfo minPINLength)
   */
  public ClientPin(CtapChannel channel, PinProtocol protocol, PinRules rules) {
    this(channel, protocol, rules, KeyAgreementKey::generate);
  }

  /** With a chosen source of platform key pairs, for known-answer tests. */
  ClientPin(
      CtapChannel channel,
      PinProtocol protocol,
      PinRules rules,
      Supplier<KeyAgreementKey> platformKeys) {
    this.channel = channel;
    this.protocol = protocol;
    this.rules = rules;
    this.platformKeys = platformKeys;
  }

  /**
   * A ClientPin using the first of protocols [2, 1] the key lists in its getInfo pinUvAuthProtocols
   * (0x06).
   *
   * @throws CtapException UNSUPPORTED_OPTION when the key offers neither
   */
  public static ClientPin create(
      CtapChannel channel, List<? extends Number> pinUvAuthProtocols, PinRules rules)
      throws CtapException {
    PinProtocol protocol =
        PinProtocol.choose(pinUvAuthProtocols)
            .orElseThrow(
                () ->
                    new CtapException(
                        CtapStatus.UNSUPPORTED_OPTION,
                        "The key offers PIN protocols "
                            + pinUvAuthProtocols
                            + " but KeyDesk knows only 1 and 2; the key's PIN cannot be used"
                            + " from KeyDesk. Check for a KeyDesk update."));
    return new ClientPin(channel, protocol, rules);
  }

  public PinProtocol protocol() {
    return protocol;
  }

  public PinRules rules() {
    return rules;
  }

  /** getPINRetries (section 6.5.5.2): tries left and whether the key needs re-inserting. */
  public PinRetries getPinRetries() throws CtapException, TransportException {
    CborMap response = send(request(Subcommand.GET_PIN_RETRIES), Subcommand.GET_PIN_RETRIES);
    try {
      return new PinRetries(
          response.getInt(Response.PIN_RETRIES), response.optBoolean(Response.POWER_CYCLE_STATE));
    } catch (CborException | IllegalArgumentException e) {
      throw unreadable(e);
    }
  }

  /** getUVRetries (section 6.5.5.3): built-in user verification tries left. */
  public int getUvRetries() throws CtapException, TransportException {
    CborMap response = send(request(Subcommand.GET_UV_RETRIES), Subcommand.GET_UV_RETRIES);
    try {
      return response.getInt(Response.UV_RETRIES);
    } catch (CborException e) {
      throw unreadable(e);
    }
  }

  /** getKeyAgreement (section 6.5.5.4): the authenticator's current COSE_Key. */
  public CborMap getKeyAgreement() throws CtapException, TransportException {
    CborMap response = send(request(Subcommand.GET_KEY_AGREEMENT), Subcommand.GET_KEY_AGREEMENT);
    try {
      return response.getMap(Response.KEY_AGREEMENT);
    } catch (CborException e) {
      throw unreadable(e);
    }
  }

  /**
   * setPIN (section 6.5.5.5) on a key without a PIN. Zeroes {@code newPin}.
   *
   * @throws PinException PIN_POLICY_VIOLATION when the PIN breaks the rules (checked before
   *     anything is sent) or the key refuses it
   */
  public void setPin(char[] newPin) throws CtapException, TransportException {
    byte[] utf8 = null;
    try {
      utf8 = Pin.toUtf8(newPin);
      rules.checkNewPin(utf8);
      try (Encapsulation session = encapsulate()) {
        byte[] secret = session.sharedSecret();
        byte[] newPinEnc = Pin.newPinEnc(protocol, secret, utf8);
        try {
          CborMap.Builder params =
              request(Subcommand.SET_PIN)
                  .put(Request.KEY_AGREEMENT, session.keyAgreement())
                  .put(Request.PIN_UV_AUTH_PARAM, protocol.authenticate(secret, newPinEnc))
                  .put(Request.NEW_PIN_ENC, newPinEnc);
          send(params, Subcommand.SET_PIN);
        } finally {
          Arrays.fill(newPinEnc, (byte) 0);
        }
      }
    } finally {
      wipe(newPin, utf8);
    }
  }

  /** changePIN (section 6.5.5.6). Zeroes both PINs. */
  public void changePin(char[] currentPin, char[] newPin) throws CtapException, TransportException {
    byte[] current = null;
    byte[] next = null;
    try {
      current = Pin.toUtf8(currentPin);
      PinRules.checkCurrentPin(current);
      next = Pin.toUtf8(newPin);
      rules.checkNewPin(next);
      try (Encapsulation session = encapsulate()) {
        byte[] secret = session.sharedSecret();
        byte[] newPinEnc = null;
        byte[] pinHashEnc = null;
        byte[] authenticated = null;
        try {
          newPinEnc = Pin.newPinEnc(protocol, secret, next);
          pinHashEnc = Pin.pinHashEnc(protocol, secret, current);
          authenticated = Bytes.concat(Bytes.of(newPinEnc), Bytes.of(pinHashEnc)).toArray();
          CborMap.Builder params =
              request(Subcommand.CHANGE_PIN)
                  .put(Request.KEY_AGREEMENT, session.keyAgreement())
                  .put(Request.PIN_UV_AUTH_PARAM, protocol.authenticate(secret, authenticated))
                  .put(Request.NEW_PIN_ENC, newPinEnc)
                  .put(Request.PIN_HASH_ENC, pinHashEnc);
          send(params, Subcommand.CHANGE_PIN);
        } finally {
          for (byte[] sensitive : new byte[][] {newPinEnc, pinHashEnc, authenticated}) {
            if (sensitive != null) {
              Arrays.fill(sensitive, (byte) 0);
            }
          }
        }
      }
    } finally {
      wipe(currentPin, current);
      wipe(newPin, next);
    }
  }

  /**
   * A token from the PIN for {@code rpId}: with exactly {@code permissions} on keys that support
   * permissions (getInfo option pinUvAuthToken, section 6.5.5.7.2), else the CTAP 2.0 getPinToken
   * (section 6.5.5.7.1), whose token carries the implicit mc and ga permissions. The one place this
   * choice is made. Zeroes {@code pin}.
   */
  public PinUvAuthToken tokenFor(
      Info info, char[] pin, Set<Permission> permissions, Optional<String> rpId)
      throws CtapException, TransportException {
    return info.isOptionEnabled(Info.OPTION_PIN_UV_AUTH_TOKEN)
        ? getPinUvAuthTokenUsingPinWithPermissions(pin, permissions, rpId)
        : getPinToken(pin);
  }

  /**
   * getPinToken (section 6.5.5.7.1, the CTAP 2.0 way, without permissions): the token carries the
   * implicit mc and ga permissions and no RP ID. Zeroes {@code pin}.
   */
  public PinUvAuthToken getPinToken(char[] pin) throws CtapException, TransportException {
    return tokenWithPin(pin, Subcommand.GET_PIN_TOKEN, PIN_TOKEN_PERMISSIONS, Optional.empty());
  }

  /**
   * getPinUvAuthTokenUsingPinWithPermissions (section 6.5.5.7.2). Zeroes {@code pin}.
   *
   * @param rpId required for mc and ga, optional for cm, ignored by the key otherwise
   */
  public PinUvAuthToken getPinUvAuthTokenUsingPinWithPermissions(
      char[] pin, Set<Permission> permissions, Optional<String> rpId)
      throws CtapException, TransportException {
    try {
      checkPermissions(permissions, rpId);
    } catch (IllegalArgumentException e) {
      Arrays.fill(pin, '\0');
      throw e;
    }
    return tokenWithPin(
        pin, Subcommand.GET_PIN_UV_AUTH_TOKEN_USING_PIN_WITH_PERMISSIONS, permissions, rpId);
  }

  /**
   * getPinUvAuthTokenUsingUvWithPermissions (section 6.5.5.7.3): the key verifies the user itself
   * (fingerprint), so this waits for the user; {@code keepalive} reports when the key asks for it.
   */
  public PinUvAuthToken getPinUvAuthTokenUsingUvWithPermissions(
      Set<Permission> permissions,
      Optional<String> rpId,
      CancelToken cancel,
      KeepaliveListener keepalive)
      throws CtapException, TransportException {
    checkPermissions(permissions, rpId);
    int subcommand = Subcommand.GET_PIN_UV_AUTH_TOKEN_USING_UV_WITH_PERMISSIONS;
    try (Encapsulation session = encapsulate()) {
      CborMap.Builder params =
          request(subcommand)
              .put(Request.KEY_AGREEMENT, session.keyAgreement())
              .put(Request.PERMISSIONS, Permission.toBits(permissions))
              .putIfPresent(Request.RP_ID, rpId);
      CborMap response = send(params, subcommand, cancel, keepalive);
      return decryptToken(session.sharedSecret(), response, permissions, rpId);
    }
  }

  private PinUvAuthToken tokenWithPin(
      char[] pin, int subcommand, Set<Permission> permissions, Optional<String> rpId)
      throws CtapException, TransportException {
    byte[] utf8 = null;
    try {
      utf8 = Pin.toUtf8(pin);
      PinRules.checkCurrentPin(utf8);
      try (Encapsulation session = encapsulate()) {
        byte[] secret = session.sharedSecret();
        CborMap.Builder params =
            request(subcommand)
                .put(Request.KEY_AGREEMENT, session.keyAgreement())
                .put(Request.PIN_HASH_ENC, Pin.pinHashEnc(protocol, secret, utf8));
        if (subcommand != Subcommand.GET_PIN_TOKEN) {
          params
              .put(Request.PERMISSIONS, Permission.toBits(permissions))
              .putIfPresent(Request.RP_ID, rpId);
        }
        CborMap response = send(params, subcommand);
        return decryptToken(secret, response, permissions, rpId);
      }
    } finally {
      wipe(pin, utf8);
    }
  }

  private PinUvAuthToken decryptToken(
      byte[] secret, CborMap response, Set<Permission> permissions, Optional<String> rpId)
      throws CtapException {
    Bytes encrypted;
    try {
      encrypted = response.getBytes(Response.PIN_UV_AUTH_TOKEN);
    } catch (CborException e) {
      throw unreadable(e);
    }
    byte[] token = protocol.decrypt(secret, encrypted.toArray());
    try {
      if (!protocol.isValidTokenLength(token.length)) {
        throw new CtapException(
            CtapStatus.INVALID_LENGTH,
            "The key sent a PIN token of "
                + token.length
                + " bytes, which "
                + protocol
                + " does not allow. Re-insert the key and try again.");
      }
      return new PinUvAuthToken(protocol, token, permissions, rpId);
    } finally {
      Arrays.fill(token, (byte) 0);
    }
  }

  private static void checkPermissions(Set<Permission> permissions, Optional<String> rpId) {
    if (permissions.isEmpty()) {
      throw new IllegalArgumentException("a pinUvAuthToken needs at least one permission");
    }
    for (Permission permission : permissions) {
      if (permission.requiresRpId() && rpId.isEmpty()) {
        throw new IllegalArgumentException(
            "the " + permission.abbreviation() + " permission needs an RP ID");
      }
    }
  }

  private Encapsulation encapsulate() throws CtapException, TransportException {
    return protocol.encapsulate(getKeyAgreement(), platformKeys.get());
  }

  private CborMap.Builder request(int subcommand) {
    return CborMap.builder()
        .put(Request.PIN_UV_AUTH_PROTOCOL, protocol.version())
        .put(Request.SUB_COMMAND, subcommand);
  }

  private CborMap send(CborMap.Builder params, int subcommand)
      throws CtapException, TransportException {
    return send(params, subcommand, CancelToken.none(), KeepaliveListener.NONE);
  }

  private CborMap send(
      CborMap.Builder params, int subcommand, CancelToken cancel, KeepaliveListener keepalive)
      throws CtapException, TransportException {
    LOG.debug(
        "clientPIN subcommand 0x{} with protocol {}",
        Integer.toHexString(subcommand),
        protocol.version());
    try {
      return channel.send(CtapCommand.CLIENT_PIN, Optional.of(params.build()), cancel, keepalive);
    } catch (CtapException e) {
      LOG.debug(
          "clientPIN subcommand 0x{} failed: {}", Integer.toHexString(subcommand), e.status());
      throw translate(e, subcommand);
    }
  }

  private CtapException translate(CtapException e, int subcommand) {
    CtapStatus status = e.status();
    if (status.equals(CtapStatus.PIN_INVALID)) {
      return PinException.wrongPin(retriesAfterFailure());
    }
    if (status.equals(CtapStatus.UV_INVALID)) {
      return PinException.uvInvalid(uvRetriesAfterFailure());
    }
    if (status.equals(CtapStatus.PIN_POLICY_VIOLATION)) {
      return subcommand == Subcommand.SET_PIN || subcommand == Subcommand.CHANGE_PIN
          ? PinException.newPinRefused(rules)
          : PinException.changeRequired();
    }
    return PinException.forStatus(status).map(CtapException.class::cast).orElse(e);
  }

  private Optional<Integer> retriesAfterFailure() {
    try {
      return Optional.of(getPinRetries().retries());
    } catch (CtapException | TransportException e) {
      LOG.debug("could not read PIN retries after a wrong PIN: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<Integer> uvRetriesAfterFailure() {
    try {
      return Optional.of(getUvRetries());
    } catch (CtapException | TransportException e) {
      LOG.debug("could not read UV retries after a failed verification: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private static CtapException unreadable(Exception e) {
    return new CtapException(
        CtapStatus.INVALID_CBOR,
        "The key sent a PIN response KeyDesk cannot read ("
            + e.getMessage()
            + "). Re-insert the key and try again.");
  }

  private static void wipe(char[] pin, byte[] utf8) {
    Arrays.fill(pin, '\0');
    if (utf8 != null) {
      Arrays.fill(utf8, (byte) 0);
    }
  }
}
