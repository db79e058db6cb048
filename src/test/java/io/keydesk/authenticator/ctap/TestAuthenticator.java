package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.PinProtocol;
import io.keydesk.ctap2.PinRules;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.ctap2.RpEntity;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import io.keydesk.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

/**
 * A {@link Ctap2Processor} with a test clock and scripted presence, reachable through the host-side
 * {@link Ctap2} and {@link ClientPin} over a {@link CtapDevice} that hands each CBOR message to the
 * processor (the CTAPHID layer is covered by the responder's own tests).
 */
final class TestAuthenticator implements CtapDevice {
  static final Bytes AAGUID = Bytes.fromHex("83d56a1a042a45e2ba464e6f5a3a1acd");
  static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final ScriptedPresence presence = new ScriptedPresence();
  final Ctap2Processor processor;
  final Ctap2 ctap2;

  TestAuthenticator() {
    this(Ctap2Config.defaults(AAGUID));
  }

  TestAuthenticator(Ctap2Config config) {
    processor = Ctap2Processor.create(config.withClock(clock));
    ctap2 = new Ctap2(this);
  }

  TestAuthenticator(Ctap2Config config, Ctap2State state, MutableClock sharedClock) {
    processor = new Ctap2Processor(config.withClock(sharedClock), state);
    ctap2 = new Ctap2(this);
  }

  @Override
  public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive)
      throws TransportException {
    if (command != CtapHidCommand.CBOR) {
      throw new IllegalArgumentException("only CTAPHID_CBOR here");
    }
    return processor.process(payload, presence);
  }

  @Override
  public String describe() {
    return "test:processor";
  }

  @Override
  public void close() {}

  ClientPin clientPin(PinProtocol protocol) {
    return new ClientPin(ctap2.channel(), protocol, PinRules.DEFAULT);
  }

  /** Sends raw CBOR parameters and returns the status. */
  CtapStatus rawStatus(int command, CborMap parameters) {
    byte[] body = Cbor.encode(parameters);
    byte[] request = new byte[body.length + 1];
    request[0] = (byte) command;
    System.arraycopy(body, 0, request, 1, body.length);
    return CtapStatus.fromCode(processor.process(request, presence)[0] & 0xFF);
  }

  MakeCredentialResponse makeCredential(MakeCredentialRequest request) throws Exception {
    return ctap2.makeCredential(request, CancelToken.none(), KeepaliveListener.NONE);
  }

  GetAssertionResponse getAssertion(GetAssertionRequest request) throws Exception {
    return ctap2.getAssertion(request, CancelToken.none(), KeepaliveListener.NONE);
  }

  static CtapStatus statusOf(ThrowingRunnable action) {
    try {
      action.run();
    } catch (CtapException e) {
      return e.status();
    } catch (Exception e) {
      throw new AssertionError("expected a CtapException", e);
    }
    throw new AssertionError("expected a CtapException, but the call succeeded");
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static Bytes sha256(String text) {
    try {
      return Bytes.of(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final Bytes CLIENT_DATA_HASH = sha256("clientDataJSON");

  static UserEntity user(String name) {
    return new UserEntity(Bytes.of(name.getBytes(StandardCharsets.UTF_8)), name, name + " Display");
  }

  static MakeCredentialRequest.Builder mc(String rpId, UserEntity user, long... algs) {
    List<CredentialParameters> params =
        (algs.length == 0 ? List.of(CredentialParameters.ES256) : boxed(algs))
            .stream().map(CredentialParameters::publicKey).toList();
    return MakeCredentialRequest.builder(
        CLIENT_DATA_HASH, new RpEntity(rpId, rpId + " name"), user, params);
  }

  static MakeCredentialRequest.Builder rk(String rpId, UserEntity user) {
    return mc(rpId, user).options(RequestOptions.none().withRk(true));
  }

  private static List<Long> boxed(long[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }

  /** The credential ID in a makeCredential authData (WebAuthn section 6.5.1). */
  static Bytes credentialId(Bytes authData) {
    int length = ((authData.get(53) & 0xFF) << 8) | (authData.get(54) & 0xFF);
    return authData.slice(55, 55 + length);
  }

  /** The COSE public key in a makeCredential authData (decoded from after the credential ID). */
  static CborMap credentialPublicKey(Bytes authData) throws CborException {
    int length = ((authData.get(53) & 0xFF) << 8) | (authData.get(54) & 0xFF);
    Bytes rest = authData.slice(55 + length, authData.length());
    // The key is a CBOR map possibly followed by extensions: decode progressively.
    for (int end = 1; end <= rest.length(); end++) {
      try {
        return Cbor.decodeMap(rest.slice(0, end).toArray());
      } catch (CborException e) {
        // not complete yet
      }
    }
    throw new CborException("no COSE key in authData");
  }

  static long signCount(Bytes authData) {
    return ((authData.get(33) & 0xFFL) << 24)
        | ((authData.get(34) & 0xFFL) << 16)
        | ((authData.get(35) & 0xFFL) << 8)
        | (authData.get(36) & 0xFFL);
  }

  static int flags(Bytes authData) {
    return authData.get(32) & 0xFF;
  }
}
