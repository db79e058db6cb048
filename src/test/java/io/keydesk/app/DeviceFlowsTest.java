package io.keydesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.authenticator.ctap.Ctap2Config;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinException;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.UserEntity;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.HidConnection;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.UdpConnection;
import io.keydesk.hid.UdpEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tier 3: the use cases against the software authenticator (CTAP2 logic included), in-process and
 * over UDP on ephemeral ports. A re-plug is the processor's power cycle; time is a fake clock.
 */
class DeviceFlowsTest {
  static final String PIN = "123456";
  static final String RP = "example.com";
  static final Bytes HASH = Bytes.fromHex("00".repeat(31) + "01");

  enum Transport {
    IN_MEMORY,
    UDP
  }

  final ResetFlowTest.FakeTime clock = new ResetFlowTest.FakeTime();
  final AtomicReference<Ctap2CommandHandler> handler = new AtomicReference<>();
  final SoftwareAuthenticator authenticator =
      SoftwareAuthenticator.builder()
          .handler(
              setup -> {
                handler.set(
                    new Ctap2CommandHandler(
                        setup, Ctap2Config.defaults(setup.state().aaguid()).withClock(clock)));
                return handler.get();
              })
          .build();
  UdpSimulatorServer server;
  final List<DeviceSession> sessions = new ArrayList<>();

  @AfterEach
  void close() {
    sessions.forEach(DeviceSession::close);
    if (server != null) {
      server.close();
    }
    authenticator.close();
  }

  DeviceSession open(Transport transport) throws Exception {
    HidConnection connection;
    if (transport == Transport.IN_MEMORY) {
      connection = authenticator.connect();
    } else {
      if (server == null) {
        server =
            UdpSimulatorServer.start(
                authenticator.responder(),
                UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
      }
      connection =
          UdpConnection.open(
              UdpEndpoint.parse("udp:127.0.0.1:" + server.deviceAddress().getPort() + "/0"));
    }
    DeviceSession session = DeviceSession.open(connection, Duration.ofSeconds(10));
    sessions.add(session);
    return session;
  }

  /** Remove and re-insert: the key powers up again; the host opens a new session. */
  DeviceSession replug(Transport transport) throws Exception {
    handler.get().processor().powerCycle();
    return open(transport);
  }

  static char[] pin(String text) {
    return text.toCharArray();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void setPinThenWrongPinsCountDownAndBlockUntilReplug(Transport transport) throws Exception {
    DeviceSession session = open(transport);
    PinService pins = new PinService(session);
    assertThat(pins.retriesMessage()).endsWith("has no PIN yet; set one with 'keydesk pin set'.");
    assertThat(pins.setPin(pin(PIN))).isEqualTo("PIN set on " + session.describe() + ".");
    assertThat(session.info().isPinSet()).contains(true);
    assertThat(pins.retriesMessage()).isEqualTo("PIN: 8 tries left.");

    assertThatThrownBy(() -> pins.verify(pin("000000")))
        .isInstanceOfSatisfying(PinException.class, e -> assertThat(e.retriesLeft()).contains(7))
        .hasMessage(
            "Wrong PIN. 7 tries left; after 3 wrong PINs in a row the key must be re-inserted.");
    assertThatThrownBy(() -> pins.verify(pin("000000")))
        .hasMessageStartingWith("Wrong PIN. 6 tries left");
    assertThatThrownBy(() -> pins.verify(pin("000000")))
        .isInstanceOfSatisfying(
            PinException.class, e -> assertThat(e.status()).isEqualTo(CtapStatus.PIN_AUTH_BLOCKED))
        .hasMessageStartingWith("Too many wrong PINs in a row: remove the key, insert it again");
    // even the right PIN is refused until the key is re-inserted, and costs no try
    assertThatThrownBy(() -> pins.verify(pin(PIN)))
        .isInstanceOfSatisfying(
            PinException.class, e -> assertThat(e.status()).isEqualTo(CtapStatus.PIN_AUTH_BLOCKED));
    assertThat(pins.warningBeforePrompt().orElseThrow()).startsWith("Too many wrong PINs in a row");

    PinService after = new PinService(replug(transport));
    assertThat(after.retriesMessage()).isEqualTo("PIN: 5 tries left.");
    assertThat(after.verify(pin(PIN))).isEqualTo("The PIN is correct.");
    assertThat(after.retriesMessage()).isEqualTo("PIN: 8 tries left.");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void eightWrongPinsBlockThePinUntilAReset(Transport transport) throws Exception {
    DeviceSession session = open(transport);
    new PinService(session).setPin(pin(PIN));
    for (int wrong = 1; wrong <= 8; wrong++) {
      if (wrong % 3 == 1 && wrong > 1) {
        session = replug(transport);
      }
      PinService pins = new PinService(session);
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(() -> pins.verify(pin("999999")));
      CtapStatus expected =
          wrong == 8
              ? CtapStatus.PIN_BLOCKED
              : wrong % 3 == 0 ? CtapStatus.PIN_AUTH_BLOCKED : CtapStatus.PIN_INVALID;
      assertThat(((CtapException) thrown).status()).as("attempt %d", wrong).isEqualTo(expected);
    }
    DeviceSession blocked = replug(transport);
    PinService pins = new PinService(blocked);
    assertThatThrownBy(() -> pins.verify(pin(PIN)))
        .hasMessage(
            "The PIN is blocked after too many wrong PINs: only a reset of the key unblocks it,"
                + " and a reset erases every credential on it (you then register the key again"
                + " everywhere).");
    assertThat(pins.retriesMessage()).startsWith("PIN: blocked (no tries left");

    ResetFlow.Outcome outcome = resetFlow().run(blocked, simulator(), false, false);
    assertThat(outcome.succeeded()).isTrue();
    assertThat(blocked.info().isPinSet()).contains(false);
    assertThat(new PinService(blocked).setPin(pin("654321"))).startsWith("PIN set on");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void changePin(Transport transport) throws Exception {
    DeviceSession session = open(transport);
    PinService pins = new PinService(session);
    pins.setPin(pin(PIN));
    assertThatThrownBy(() -> pins.setPin(pin("111111")))
        .hasMessage(
            session.describe()
                + " already has a PIN; change it with 'keydesk pin change' instead.");
    assertThatThrownBy(() -> pins.changePin(pin(PIN), pin("12")))
        .hasMessageStartingWith("The new PIN is too short: it has 2 characters");
    assertThat(pins.changePin(pin(PIN), pin("24681357")))
        .isEqualTo("PIN changed on " + session.describe() + ".");
    assertThatThrownBy(() -> pins.verify(pin(PIN))).hasMessageStartingWith("Wrong PIN. 7 tries");
    assertThat(pins.verify(pin("24681357"))).isEqualTo("The PIN is correct.");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void tokenPermissionsAndRpIdAreEnforced(Transport transport) throws Exception {
    DeviceSession session = open(transport);
    new PinService(session).setPin(pin(PIN));
    ClientPin clientPin = session.clientPin();
    CredentialTester tester = new CredentialTester(session);
    CredentialTester.Created created =
        tester.makeCredential(
            registration("alice", false, true),
            Optional.of(pin(PIN)),
            true,
            KeepaliveListener.NONE);
    try (PinUvAuthToken gaOnly =
        clientPin.getPinUvAuthTokenUsingPinWithPermissions(
            pin(PIN), EnumSet.of(Permission.GET_ASSERTION), Optional.of(RP))) {
      // a token for example.com does not sign in elsewhere
      GetAssertionRequest elsewhere =
          GetAssertionRequest.builder("other.example", HASH)
              .allowList(
                  List.of(
                      io.keydesk.ctap2.PublicKeyCredentialDescriptor.publicKey(
                          created.credentialId())))
              .pinUvAuth(Bytes.of(gaOnly.authenticate(HASH.toArray())), gaOnly.protocol().version())
              .build();
      assertThatThrownBy(
              () ->
                  session
                      .ctap2()
                      .getAssertion(elsewhere, CancelToken.none(), KeepaliveListener.NONE))
          .isInstanceOfSatisfying(
              CtapException.class,
              e -> assertThat(e.status()).isEqualTo(CtapStatus.PIN_AUTH_INVALID));
    }
    try (PinUvAuthToken gaOnly =
        clientPin.getPinUvAuthTokenUsingPinWithPermissions(
            pin(PIN), EnumSet.of(Permission.GET_ASSERTION), Optional.of(RP))) {
      // nor does a ga token make credentials
      io.keydesk.ctap2.MakeCredentialRequest make =
          io.keydesk.ctap2.MakeCredentialRequest.builder(
                  HASH,
                  io.keydesk.ctap2.RpEntity.of(RP),
                  user("bob"),
                  List.of(io.keydesk.ctap2.CredentialParameters.publicKey(-7)))
              .pinUvAuth(Bytes.of(gaOnly.authenticate(HASH.toArray())), gaOnly.protocol().version())
              .build();
      assertThatThrownBy(
              () ->
                  session.ctap2().makeCredential(make, CancelToken.none(), KeepaliveListener.NONE))
          .isInstanceOfSatisfying(
              CtapException.class,
              e -> assertThat(e.status()).isEqualTo(CtapStatus.PIN_AUTH_INVALID));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void makeCredentialAndGetAssertionWithAndWithoutUv(Transport transport) throws Exception {
    DeviceSession session = open(transport);
    CredentialTester tester = new CredentialTester(session);
    assertThat(tester.needsPin(true, false, false)).isFalse();
    assertThatThrownBy(
            () ->
                tester.makeCredential(
                    registration("alice", false, true),
                    Optional.empty(),
                    false,
                    KeepaliveListener.NONE))
        .hasMessageEndingWith(
            "has neither a PIN nor built-in verification. Set a PIN first ('keydesk pin set'),"
                + " then try again.");

    CredentialTester.Created plain =
        tester.makeCredential(
            registration("alice", false, false), Optional.empty(), true, KeepaliveListener.NONE);
    assertThat(plain.authData().userPresent()).isTrue();
    assertThat(plain.authData().userVerified()).isFalse();
    CredentialTester.Verification verification = plain.verification().orElseThrow();
    assertThat(verification.verified()).isTrue();
    assertThat(verification.lines())
        .contains("rpIdHash matches SHA-256(\"example.com\")", "user present (UP)")
        .anyMatch(l -> l.startsWith("attestation signature verified (packed, basic)"));

    List<CredentialTester.Asserted> signedIn =
        tester.getAssertion(
            authentication(List.of(plain.credentialId()), false),
            Optional.empty(),
            List.of(plain.publicKey()),
            true,
            KeepaliveListener.NONE);
    assertThat(signedIn).hasSize(1);
    assertThat(signedIn.get(0).authData().userVerified()).isFalse();
    assertThat(signedIn.get(0).verification().orElseThrow().lines())
        .contains("assertion signature verified with the credential public key (ES256)");

    new PinService(session).setPin(pin(PIN));
    assertThat(tester.needsPin(false, true, false)).isTrue();
    CredentialTester.Created verified =
        tester.makeCredential(
            registration("bob", false, true), Optional.of(pin(PIN)), true, KeepaliveListener.NONE);
    assertThat(verified.authData().userVerified()).isTrue();
    assertThat(verified.verification().orElseThrow().verified()).isTrue();
    List<CredentialTester.Asserted> withUv =
        tester.getAssertion(
            authentication(List.of(verified.credentialId()), true),
            Optional.of(pin(PIN)),
            List.of(plain.publicKey()),
            true,
            KeepaliveListener.NONE);
    CredentialTester.Verification wrongKey = withUv.get(0).verification().orElseThrow();
    assertThat(wrongKey.verified()).isFalse();
    assertThat(wrongKey.lines())
        .contains(
            "user verified (UV)",
            "assertion signature NOT verified: it does not verify with the ES256 key given");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void residentKeysForSeveralUsersComeBackWithGetNextAssertion(Transport transport)
      throws Exception {
    DeviceSession session = open(transport);
    new PinService(session).setPin(pin(PIN));
    CredentialTester tester = new CredentialTester(session);
    List<Bytes> keys = new ArrayList<>();
    for (String name : List.of("alice", "bob", "carol")) {
      keys.add(
          tester
              .makeCredential(
                  registration(name, true, true),
                  Optional.of(pin(PIN)),
                  false,
                  KeepaliveListener.NONE)
              .publicKey());
    }
    assertThat(session.refreshInfo().remainingDiscoverableCredentials()).contains(22);
    List<CredentialTester.Asserted> assertions =
        tester.getAssertion(
            authentication(List.of(), true),
            Optional.of(pin(PIN)),
            keys,
            true,
            KeepaliveListener.NONE);
    assertThat(assertions).hasSize(3);
    assertThat(assertions)
        .extracting(a -> a.response().user().orElseThrow().name().orElseThrow())
        .containsExactlyInAnyOrder("alice", "bob", "carol");
    assertThat(assertions)
        .allSatisfy(a -> assertThat(a.verification().orElseThrow().verified()).isTrue());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void excludeListGivesCredentialExcluded(Transport transport) throws Exception {
    DeviceSession session = open(transport);
    CredentialTester tester = new CredentialTester(session);
    CredentialTester.Created first =
        tester.makeCredential(
            registration("alice", false, false), Optional.empty(), false, KeepaliveListener.NONE);
    CredentialTester.Registration again =
        new CredentialTester.Registration(
            RP, user("alice"), false, false, List.of(-7L), List.of(first.credentialId()), HASH);
    assertThatThrownBy(
            () -> tester.makeCredential(again, Optional.empty(), false, KeepaliveListener.NONE))
        .isInstanceOfSatisfying(
            CtapException.class,
            e -> assertThat(e.status()).isEqualTo(CtapStatus.CREDENTIAL_EXCLUDED));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void resetIsRefusedOutsideTheWindowUntilReplug(Transport transport) throws Exception {
    DeviceSession session = open(transport);
    new PinService(session).setPin(pin(PIN));
    clock.now = clock.now.plusSeconds(11);
    ResetFlow.Outcome refused = resetFlow().run(session, simulator(), false, false);
    assertThat(refused)
        .isEqualTo(new ResetFlow.Outcome(ResetFlow.Step.FAILED, ResetFlow.WINDOW_PASSED));
    assertThat(session.refreshInfo().isPinSet()).contains(true);

    DeviceSession again = replug(transport);
    assertThat(resetFlow().run(again, simulator(), false, false).succeeded()).isTrue();
    assertThat(again.info().isPinSet()).contains(false);
  }

  ResetFlow resetFlow() {
    ResetFlow.Interaction silent =
        new ResetFlow.Interaction() {
          @Override
          public boolean confirm(String warning) {
            return true;
          }

          @Override
          public void instruct(String message) {}

          @Override
          public void promptTouch(String message) {}
        };
    return new ResetFlow(
        new ResetFlow.Devices() {
          @Override
          public List<DeviceDescriptor> list() {
            return List.of();
          }

          @Override
          public DeviceSession open(DeviceDescriptor device) {
            throw new UnsupportedOperationException();
          }
        },
        silent,
        clock,
        d -> clock.now = clock.now.plus(d),
        ResetFlow.Timing.DEFAULT);
  }

  static DeviceDescriptor simulator() {
    return new DeviceDescriptor(
        "udp:127.0.0.1:1",
        DeviceDescriptor.Transport.UDP,
        0,
        0,
        "",
        "simulator",
        Optional.empty(),
        DeviceDescriptor.FIDO_USAGE_PAGE);
  }

  static UserEntity user(String name) {
    return new UserEntity(Bytes.of(name.getBytes(StandardCharsets.UTF_8)), name, name);
  }

  static CredentialTester.Registration registration(String name, boolean rk, boolean uv) {
    return new CredentialTester.Registration(RP, user(name), rk, uv, List.of(-7L), List.of(), HASH);
  }

  static CredentialTester.Authentication authentication(List<Bytes> allow, boolean uv) {
    return new CredentialTester.Authentication(RP, allow, uv, HASH);
  }
}
