package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPinCodes.Request;
import io.keydesk.ctap2.ClientPinCodes.Response;
import io.keydesk.ctap2.ClientPinCodes.Subcommand;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Plays the authenticator side of authenticatorClientPIN with the production protocol classes, so
 * ClientPin round-trips through real crypto. Records every request.
 */
final class FakePinAuthenticator implements CtapDevice {
  final List<Bytes> requests = new ArrayList<>();
  final Deque<CtapStatus> scriptedFailures = new ArrayDeque<>();
  private final AuthenticatorKeyAgreement keyAgreement;
  private final PinProtocol protocol;
  private final byte[] token;
  byte[] pinHash;
  int retries = 8;
  int consecutiveFailures;
  int minLength = 4;
  int uvRetries = 3;
  boolean forcePinChange;
  Bytes lastPermissions;
  Optional<String> lastRpId = Optional.empty();

  FakePinAuthenticator(PinProtocol protocol, KeyAgreementKey key, Bytes token) {
    this.protocol = protocol;
    this.keyAgreement = new AuthenticatorKeyAgreement(protocol, key);
    this.token = token.toArray();
  }

  @Override
  public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive) {
    if (command != CtapHidCommand.CBOR || payload[0] != CtapCommand.CLIENT_PIN) {
      throw new AssertionError("unexpected command");
    }
    requests.add(Bytes.of(payload));
    try {
      CborMap request = Cbor.decodeMap(Arrays.copyOfRange(payload, 1, payload.length));
      if (request.getLong(Request.PIN_UV_AUTH_PROTOCOL) != protocol.version()) {
        return status(CtapStatus.INVALID_PARAMETER);
      }
      return respond(request.getInt(Request.SUB_COMMAND), request);
    } catch (CtapException e) {
      return status(e.status());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private byte[] respond(int subcommand, CborMap request) throws Exception {
    switch (subcommand) {
      case Subcommand.GET_PIN_RETRIES:
        return ok(
            CborMap.builder()
                .put(Response.PIN_RETRIES, retries)
                .put(Response.POWER_CYCLE_STATE, consecutiveFailures >= 3)
                .build());
      case Subcommand.GET_UV_RETRIES:
        return ok(CborMap.builder().put(Response.UV_RETRIES, uvRetries).build());
      case Subcommand.GET_KEY_AGREEMENT:
        return ok(
            CborMap.builder().put(Response.KEY_AGREEMENT, keyAgreement.getPublicKey()).build());
      default:
        break;
    }
    if (!scriptedFailures.isEmpty()) {
      return status(scriptedFailures.poll());
    }
    byte[] secret = keyAgreement.decapsulate(request.getMap(Request.KEY_AGREEMENT));
    switch (subcommand) {
      case Subcommand.SET_PIN:
        {
          byte[] newPinEnc = request.getBytes(Request.NEW_PIN_ENC).toArray();
          if (!protocol.verify(
              secret, newPinEnc, request.getBytes(Request.PIN_UV_AUTH_PARAM).toArray())) {
            return status(CtapStatus.PIN_AUTH_INVALID);
          }
          return storeNewPin(secret, newPinEnc);
        }
      case Subcommand.CHANGE_PIN:
        {
          byte[] newPinEnc = request.getBytes(Request.NEW_PIN_ENC).toArray();
          byte[] pinHashEnc = request.getBytes(Request.PIN_HASH_ENC).toArray();
          byte[] message = Bytes.concat(Bytes.of(newPinEnc), Bytes.of(pinHashEnc)).toArray();
          if (!protocol.verify(
              secret, message, request.getBytes(Request.PIN_UV_AUTH_PARAM).toArray())) {
            return status(CtapStatus.PIN_AUTH_INVALID);
          }
          Optional<CtapStatus> failure = checkPinHash(secret, pinHashEnc);
          if (failure.isPresent()) {
            return status(failure.get());
          }
          return storeNewPin(secret, newPinEnc);
        }
      case Subcommand.GET_PIN_TOKEN:
      case Subcommand.GET_PIN_UV_AUTH_TOKEN_USING_PIN_WITH_PERMISSIONS:
        {
          Optional<CtapStatus> failure =
              checkPinHash(secret, request.getBytes(Request.PIN_HASH_ENC).toArray());
          if (failure.isPresent()) {
            return status(failure.get());
          }
          if (forcePinChange) {
            return status(CtapStatus.PIN_POLICY_VIOLATION);
          }
          return issueToken(secret, request);
        }
      case Subcommand.GET_PIN_UV_AUTH_TOKEN_USING_UV_WITH_PERMISSIONS:
        return issueToken(secret, request);
      default:
        return status(CtapStatus.INVALID_SUBCOMMAND);
    }
  }

  private byte[] storeNewPin(byte[] secret, byte[] newPinEnc) throws CtapException {
    Optional<byte[]> pin = Pin.unpad(protocol.decrypt(secret, newPinEnc));
    if (pin.isEmpty()) {
      return status(CtapStatus.INVALID_PARAMETER);
    }
    if (Pin.codePointCount(pin.get()) < minLength) {
      return status(CtapStatus.PIN_POLICY_VIOLATION);
    }
    pinHash = Pin.hash(pin.get());
    retries = 8;
    forcePinChange = false;
    return status(CtapStatus.OK);
  }

  private Optional<CtapStatus> checkPinHash(byte[] secret, byte[] pinHashEnc) throws CtapException {
    if (pinHash == null) {
      return Optional.of(CtapStatus.PIN_NOT_SET);
    }
    if (retries == 0) {
      return Optional.of(CtapStatus.PIN_BLOCKED);
    }
    if (consecutiveFailures >= 3) {
      return Optional.of(CtapStatus.PIN_AUTH_BLOCKED);
    }
    retries--;
    if (!Arrays.equals(protocol.decrypt(secret, pinHashEnc), pinHash)) {
      keyAgreement.regenerate();
      consecutiveFailures++;
      if (retries == 0) {
        return Optional.of(CtapStatus.PIN_BLOCKED);
      }
      return Optional.of(
          consecutiveFailures >= 3 ? CtapStatus.PIN_AUTH_BLOCKED : CtapStatus.PIN_INVALID);
    }
    retries = 8;
    consecutiveFailures = 0;
    return Optional.empty();
  }

  private byte[] issueToken(byte[] secret, CborMap request) throws Exception {
    lastPermissions =
        request
            .optLong(Request.PERMISSIONS)
            .map(p -> Bytes.of(new byte[] {p.byteValue()}))
            .orElse(null);
    lastRpId = request.optString(Request.RP_ID);
    return ok(
        CborMap.builder().put(Response.PIN_UV_AUTH_TOKEN, protocol.encrypt(secret, token)).build());
  }

  private static byte[] ok(CborMap response) {
    byte[] body = Cbor.encode(response);
    byte[] out = new byte[body.length + 1];
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static byte[] status(CtapStatus status) {
    return new byte[] {(byte) status.code()};
  }

  @Override
  public String describe() {
    return "fake PIN authenticator";
  }

  @Override
  public void close() {}
}
