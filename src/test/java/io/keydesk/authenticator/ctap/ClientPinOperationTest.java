package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.flags;
import static io.keydesk.authenticator.ctap.TestAuthenticator.mc;
import static io.keydesk.authenticator.ctap.TestAuthenticator.rk;
import static io.keydesk.authenticator.ctap.TestAuthenticator.statusOf;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.ClientPinCodes;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinProtocol;
import io.keydesk.ctap2.PinProtocolV1;
import io.keydesk.ctap2.PinProtocolV2;
import io.keydesk.ctap2.PinRetries;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.UserEntity;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClientPinOperationTest {
  private final TestAuthenticator authenticator = new TestAuthenticator();

  static Stream<PinProtocol> protocols() {
    return Stream.of(new PinProtocolV2(), new PinProtocolV1());
  }

  private static char[] pin(String value) {
    return value.toCharArray();
  }

  private PinUvAuthToken token(ClientPin client, String pin, Set<Permission> perms, String rpId)
      throws Exception {
    return client.getPinUvAuthTokenUsingPinWithPermissions(pin(pin), perms, Optional.of(rpId));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void setPinThenMakeADiscoverableCredentialWithTheToken(PinProtocol protocol) throws Exception {
    ClientPin client = authenticator.clientPin(protocol);
    assertThat(authenticator.ctap2.getInfo().isPinSet()).contains(false);

    client.setPin(pin("1234"));

    assertThat(authenticator.ctap2.getInfo().isPinSet()).contains(true);
    assertThat(client.getPinRetries()).isEqualTo(new PinRetries(8, Optional.of(false)));
    assertThat(statusOf(() -> client.setPin(pin("5678")))).isEqualTo(CtapStatus.NOT_ALLOWED);
    // makeCredUvNotRqd: a discoverable credential needs the PIN, a non-discoverable one does not.
    assertThat(
            statusOf(() -> authenticator.makeCredential(rk("example.com", user("alice")).build())))
        .isEqualTo(CtapStatus.PUAT_REQUIRED);
    authenticator.makeCredential(mc("example.com", user("alice")).build());

    PinUvAuthToken token =
        token(client, "1234", EnumSet.of(Permission.MAKE_CREDENTIAL), "example.com");
    MakeCredentialResponse made =
        authenticator.makeCredential(
            rk("example.com", user("alice"))
                .pinUvAuth(
                    Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray())), protocol.version())
                .build());
    assertThat(flags(made.authData())).isEqualTo(0x45); // UP | UV | AT

    // The token's permissions are consumed by that makeCredential.
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        rk("example.com", user("bob"))
                            .pinUvAuth(
                                Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray())),
                                protocol.version())
                            .build())))
        .isEqualTo(CtapStatus.PIN_AUTH_INVALID);
  }

  @Test
  void tokensAreBoundToTheirPermissionAndRp() throws Exception {
    ClientPin client = authenticator.clientPin(new PinProtocolV2());
    client.setPin(pin("1234"));
    Bytes mcOnA;
    try (PinUvAuthToken token =
        token(client, "1234", EnumSet.of(Permission.MAKE_CREDENTIAL), "rp-a.example")) {
      mcOnA = Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray()));
    }
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        rk("rp-b.example", user("alice")).pinUvAuth(mcOnA, 2).build())))
        .isEqualTo(CtapStatus.PIN_AUTH_INVALID);
    assertThat(
            statusOf(
                () ->
                    authenticator.getAssertion(
                        GetAssertionRequest.builder("rp-a.example", CLIENT_DATA_HASH)
                            .pinUvAuth(mcOnA, 2)
                            .build())))
        .isEqualTo(CtapStatus.PIN_AUTH_INVALID);
    // Wrong protocol number for a protocol-2 token.
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        rk("rp-a.example", user("alice")).pinUvAuth(mcOnA, 1).build())))
        .isEqualTo(CtapStatus.PIN_AUTH_INVALID);
    authenticator.makeCredential(rk("rp-a.example", user("alice")).pinUvAuth(mcOnA, 2).build());
  }

  @Test
  void gaTokenReturnsTheFullUserAndSetsUv() throws Exception {
    ClientPin client = authenticator.clientPin(new PinProtocolV2());
    client.setPin(pin("1234"));
    try (PinUvAuthToken token =
        token(client, "1234", EnumSet.of(Permission.MAKE_CREDENTIAL), "example.com")) {
      authenticator.makeCredential(
          rk("example.com", user("alice"))
              .pinUvAuth(Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray())), 2)
              .build());
    }
    PinUvAuthToken ga = token(client, "1234", EnumSet.of(Permission.GET_ASSERTION), "example.com");
    GetAssertionResponse response =
        authenticator.getAssertion(
            GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
                .pinUvAuth(Bytes.of(ga.authenticate(CLIENT_DATA_HASH.toArray())), 2)
                .build());
    assertThat(flags(response.authData())).isEqualTo(0x05);
    UserEntity alice = user("alice");
    assertThat(response.user()).contains(alice);
  }

  @Test
  void tokensExpireWhenUnusedAndWithAPowerCycle() throws Exception {
    ClientPin client = authenticator.clientPin(new PinProtocolV2());
    client.setPin(pin("1234"));
    PinUvAuthToken token =
        token(client, "1234", EnumSet.of(Permission.MAKE_CREDENTIAL), "example.com");
    Bytes param = Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray()));
    authenticator.clock.advance(Duration.ofSeconds(31));
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        rk("example.com", user("alice")).pinUvAuth(param, 2).build())))
        .isEqualTo(CtapStatus.PIN_AUTH_INVALID);

    PinUvAuthToken fresh =
        token(client, "1234", EnumSet.of(Permission.MAKE_CREDENTIAL), "example.com");
    authenticator.processor.powerCycle();
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        rk("example.com", user("alice"))
                            .pinUvAuth(Bytes.of(fresh.authenticate(CLIENT_DATA_HASH.toArray())), 2)
                            .build())))
        .isEqualTo(CtapStatus.PIN_AUTH_INVALID);
  }

  @Test
  void wrongPinsBlockAfterThreeUntilPowerCycleAndAfterEightUntilReset() throws Exception {
    ClientPin client = authenticator.clientPin(new PinProtocolV2());
    client.setPin(pin("1234"));
    Set<Permission> ga = EnumSet.of(Permission.GET_ASSERTION);

    for (int round = 0; round < 2; round++) {
      assertThat(statusOf(() -> token(client, "0000", ga, "x"))).isEqualTo(CtapStatus.PIN_INVALID);
      assertThat(statusOf(() -> token(client, "0000", ga, "x"))).isEqualTo(CtapStatus.PIN_INVALID);
      assertThat(statusOf(() -> token(client, "0000", ga, "x")))
          .isEqualTo(CtapStatus.PIN_AUTH_BLOCKED);
      assertThat(client.getPinRetries())
          .isEqualTo(new PinRetries(5 - 3 * round, Optional.of(true)));
      // Even the right PIN waits for a power cycle, and costs no retry.
      assertThat(statusOf(() -> token(client, "1234", ga, "x")))
          .isEqualTo(CtapStatus.PIN_AUTH_BLOCKED);
      authenticator.processor.powerCycle();
    }
    assertThat(client.getPinRetries()).isEqualTo(new PinRetries(2, Optional.of(false)));
    assertThat(statusOf(() -> token(client, "0000", ga, "x"))).isEqualTo(CtapStatus.PIN_INVALID);
    assertThat(statusOf(() -> token(client, "0000", ga, "x"))).isEqualTo(CtapStatus.PIN_BLOCKED);
    authenticator.processor.powerCycle();
    assertThat(statusOf(() -> token(client, "1234", ga, "x"))).isEqualTo(CtapStatus.PIN_BLOCKED);

    authenticator.processor.powerCycle();
    authenticator.ctap2.channel().send(CtapCommand.RESET);
    assertThat(client.getPinRetries().retries()).isEqualTo(8);
    assertThat(authenticator.ctap2.getInfo().isPinSet()).contains(false);
  }

  @Test
  void aCorrectPinRestoresTheRetries() throws Exception {
    ClientPin client = authenticator.clientPin(new PinProtocolV1());
    client.setPin(pin("1234"));
    assertThat(statusOf(() -> client.getPinToken(pin("9999")))).isEqualTo(CtapStatus.PIN_INVALID);
    assertThat(client.getPinRetries().retries()).isEqualTo(7);
    client.getPinToken(pin("1234")).close();
    assertThat(client.getPinRetries().retries()).isEqualTo(8);
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void changePinReplacesThePinAndInvalidatesTokens(PinProtocol protocol) throws Exception {
    ClientPin client = authenticator.clientPin(protocol);
    client.setPin(pin("1234"));
    PinUvAuthToken old =
        token(client, "1234", EnumSet.of(Permission.MAKE_CREDENTIAL), "example.com");

    assertThat(statusOf(() -> client.changePin(pin("0000"), pin("5678"))))
        .isEqualTo(CtapStatus.PIN_INVALID);
    client.changePin(pin("1234"), pin("5678"));

    assertThat(statusOf(() -> client.getPinToken(pin("1234")))).isEqualTo(CtapStatus.PIN_INVALID);
    client.getPinToken(pin("5678")).close();
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        rk("example.com", user("alice"))
                            .pinUvAuth(
                                Bytes.of(old.authenticate(CLIENT_DATA_HASH.toArray())),
                                protocol.version())
                            .build())))
        .isEqualTo(CtapStatus.PIN_AUTH_INVALID);
  }

  @Test
  void pinRulesAndPermissionRulesAreEnforcedByTheAuthenticator() throws Exception {
    PinProtocolV2 protocol = new PinProtocolV2();
    ClientPin client = authenticator.clientPin(protocol);
    // A 3-character PIN sent raw, bypassing the host-side rules.
    CborMap peer = client.getKeyAgreement();
    try (var session = protocol.encapsulate(peer)) {
      byte[] newPinEnc =
          io.keydesk.ctap2.Pin.newPinEnc(protocol, session.sharedSecret(), "123".getBytes());
      CborMap request =
          CborMap.builder()
              .put(ClientPinCodes.Request.PIN_UV_AUTH_PROTOCOL, 2)
              .put(ClientPinCodes.Request.SUB_COMMAND, ClientPinCodes.Subcommand.SET_PIN)
              .put(ClientPinCodes.Request.KEY_AGREEMENT, session.keyAgreement())
              .put(
                  ClientPinCodes.Request.PIN_UV_AUTH_PARAM,
                  protocol.authenticate(session.sharedSecret(), newPinEnc))
              .put(ClientPinCodes.Request.NEW_PIN_ENC, newPinEnc)
              .build();
      assertThat(authenticator.rawStatus(CtapCommand.CLIENT_PIN, request))
          .isEqualTo(CtapStatus.PIN_POLICY_VIOLATION);
    }
    client.setPin(pin("1234"));
    assertThat(
            statusOf(
                () ->
                    client.getPinUvAuthTokenUsingPinWithPermissions(
                        pin("1234"),
                        EnumSet.of(Permission.CREDENTIAL_MANAGEMENT),
                        Optional.empty())))
        .isEqualTo(CtapStatus.UNAUTHORIZED_PERMISSION);
    assertThat(
            authenticator.rawStatus(
                CtapCommand.CLIENT_PIN,
                CborMap.builder()
                    .put(ClientPinCodes.Request.PIN_UV_AUTH_PROTOCOL, 3)
                    .put(
                        ClientPinCodes.Request.SUB_COMMAND,
                        ClientPinCodes.Subcommand.GET_KEY_AGREEMENT)
                    .build()))
        .isEqualTo(CtapStatus.INVALID_PARAMETER);
    assertThat(
            authenticator.rawStatus(
                CtapCommand.CLIENT_PIN,
                CborMap.builder()
                    .put(ClientPinCodes.Request.PIN_UV_AUTH_PROTOCOL, 2)
                    .put(ClientPinCodes.Request.SUB_COMMAND, 0x07)
                    .build()))
        .isEqualTo(CtapStatus.INVALID_SUBCOMMAND);
  }

  @Test
  void infoListsPinCapabilities() throws Exception {
    Info info = authenticator.ctap2.getInfo();
    assertThat(info.pinUvAuthProtocols()).containsExactly(2, 1);
    assertThat(info.option(Info.OPTION_PIN_UV_AUTH_TOKEN)).contains(true);
    assertThat(info.option(Info.OPTION_MAKE_CRED_UV_NOT_RQD)).contains(true);
    assertThat(info.minPinLength()).contains(4);
  }
}
