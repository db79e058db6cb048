package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.keydesk.app.DeviceSession;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.authenticator.u2f.U2fHandler;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.testing.SoftwareKeys;
import io.keydesk.testing.YubicoRelyingParty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The real-key tier proven without hardware: its test classes run through the JUnit Platform
 * Launcher against KeyDesk's software authenticator served over UDP on an ephemeral loopback port
 * (every touch approved), exactly as {@code mvn verify -Preal-key -Dkeydesk.realKey=udp:...} would
 * run them. Settings go in as launcher configuration parameters, so nothing global changes.
 */
class RealKeyTierOnSimulatorTest {
  static final String PIN = "31415926";
  static final List<Class<?>> READ_ONLY =
      List.of(
          RealKeyInfoTest.class,
          RealKeyHidTest.class,
          RealKeyWebAuthnTest.class,
          RealKeyU2fTest.class);

  private SoftwareAuthenticator authenticator;
  private UdpSimulatorServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (authenticator != null) {
      authenticator.close();
    }
  }

  /** Starts a simulator of {@code handler} and returns its device name for {@code --device}. */
  private String simulator(
      Function<SoftwareAuthenticator.Setup, io.keydesk.authenticator.CommandHandler> handler)
      throws Exception {
    authenticator = SoftwareKeys.approving(handler);
    server =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
    return "udp:127.0.0.1:" + server.deviceAddress().getPort() + "/0";
  }

  /** What the launcher reported per test method ("Class.method"). */
  record Run(Map<String, TestExecutionResult> finished, Map<String, String> skipped) {
    List<String> withStatus(TestExecutionResult.Status status) {
      return finished.entrySet().stream()
          .filter(e -> e.getValue().getStatus() == status)
          .map(Map.Entry::getKey)
          .sorted()
          .collect(Collectors.toList());
    }

    /** Failures with their messages, for a readable assertion error. */
    String failures() {
      return finished.entrySet().stream()
          .filter(e -> e.getValue().getStatus() != TestExecutionResult.Status.SUCCESSFUL)
          .map(e -> e.getKey() + ": " + e.getValue().getThrowable().map(Throwable::toString))
          .collect(Collectors.joining("\n"));
    }
  }

  private static Run launch(Map<String, String> settings, List<Class<?>> classes) {
    Map<String, TestExecutionResult> finished = new ConcurrentHashMap<>();
    Map<String, String> skipped = new ConcurrentHashMap<>();
    TestExecutionListener recorder =
        new TestExecutionListener() {
          @Override
          public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
              skipped.put(name(test), reason);
            }
          }

          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
              finished.put(name(test), result);
            }
          }
        };
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(classes.stream().map(c -> selectClass(c)).collect(Collectors.toList()))
            .configurationParameters(settings)
            .build(),
        recorder);
    return new Run(Map.copyOf(finished), Map.copyOf(skipped));
  }

  private static String name(TestIdentifier test) {
    return test.getSource()
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .map(m -> m.getJavaClass().getSimpleName() + "." + m.getMethodName())
        .orElse(test.getDisplayName());
  }

  /** The device (and an explicit destructive setting, so the JVM's properties do not leak in). */
  private static Map<String, String> settings(String device, boolean destructive) {
    return Map.of(
        RealKeyPolicy.DEVICE_PROPERTY,
        device,
        RealKeyPolicy.DESTRUCTIVE_PROPERTY,
        Boolean.toString(destructive));
  }

  private DeviceSession inMemory() throws Exception {
    return DeviceSession.of(SoftwareKeys.open(authenticator));
  }

  /** NO_CREDENTIALS for a usernameless getAssertion: the key holds no discoverable credential. */
  private static void assertNoDiscoverableCredential(DeviceSession session) {
    assertThatThrownBy(
            () ->
                session
                    .ctap2()
                    .getAssertion(
                        GetAssertionRequest.builder(
                                YubicoRelyingParty.RP_ID, Bytes.of(new byte[32]))
                            .options(RequestOptions.none().withUp(false))
                            .build(),
                        CancelToken.none(),
                        KeepaliveListener.NONE))
        .isInstanceOfSatisfying(
            CtapException.class, e -> assertThat(e.status()).isEqualTo(CtapStatus.NO_CREDENTIALS));
  }

  @Test
  void everyCheckPassesOnTheSimulatorAndTheKeyEndsAsItStarted() throws Exception {
    String device = simulator(Ctap2CommandHandler::new);

    Run readOnly = launch(settings(device, false), READ_ONLY);
    assertThat(readOnly.withStatus(TestExecutionResult.Status.SUCCESSFUL))
        .as(readOnly.failures())
        .containsExactly(
            "RealKeyHidTest.pingEchoesEverySizeUpToMaxMsgSize",
            "RealKeyHidTest.winksWhenItSaysItCan",
            "RealKeyInfoTest.getInfoParsesAndIsInternallyConsistent",
            "RealKeyWebAuthnTest.getAssertionForAnUnknownCredentialFailsWithNoCredentials",
            "RealKeyWebAuthnTest.nonDiscoverableRegistrationAndAssertionVerifyAtTheRelyingParty");
    // the CTAP2 simulator has no CTAPHID_MSG: the U2F check is aborted by its assumption
    assertThat(readOnly.withStatus(TestExecutionResult.Status.ABORTED))
        .containsExactly("RealKeyU2fTest.registersAndAuthenticatesWithVerifiableSignatures");
    assertThat(readOnly.skipped()).isEmpty();
    try (DeviceSession session = inMemory()) {
      assertThat(session.info().isPinSet()).contains(false);
      assertNoDiscoverableCredential(session);
    }

    // keys accept a reset only within 10 s of power-up: start this part freshly plugged in
    authenticator.replug();
    Run stateChanging = launch(settings(device, true), List.of(RealKeyStateChangingTest.class));
    assertThat(stateChanging.withStatus(TestExecutionResult.Status.SUCCESSFUL))
        .as(stateChanging.failures())
        .containsExactly(
            "RealKeyStateChangingTest.changePin",
            "RealKeyStateChangingTest.discoverableCredentialSignsInWithoutAUsername",
            "RealKeyStateChangingTest.resetErasesThePinAndTheCredentials",
            "RealKeyStateChangingTest.setPin");
    assertThat(stateChanging.skipped()).isEmpty();
    try (DeviceSession session = inMemory()) {
      assertThat(session.info().isPinSet()).as("no PIN after the final reset").contains(false);
      assertNoDiscoverableCredential(session);
    }
  }

  @Test
  void theU2fCheckPassesOnAU2fOnlySimulator() throws Exception {
    Run run = launch(settings(simulator(U2fHandler::new), false), List.of(RealKeyU2fTest.class));
    assertThat(run.withStatus(TestExecutionResult.Status.SUCCESSFUL))
        .as(run.failures())
        .containsExactly("RealKeyU2fTest.registersAndAuthenticatesWithVerifiableSignatures");
  }

  @Test
  void withoutTheDestructiveFlagNothingIsChanged() throws Exception {
    String device = simulator(Ctap2CommandHandler::new);
    Run run = launch(settings(device, false), List.of(RealKeyStateChangingTest.class));
    assertThat(run.finished()).isEmpty();
    assertThat(run.skipped()).hasSize(4);
    assertThat(run.skipped().values())
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .contains("they modify the key at " + device)
                    .endsWith("add -Dkeydesk.realKey.destructive=true"));
    try (DeviceSession session = inMemory()) {
      assertThat(session.info().isPinSet()).contains(false);
    }
  }

  @Test
  void aKeyWithAPinIsNeverModifiedEvenWhenDestructiveTestsAreAskedFor() throws Exception {
    String device = simulator(Ctap2CommandHandler::new);
    int retries;
    try (DeviceSession session = inMemory()) {
      session.clientPin().setPin(PIN.toCharArray());
      retries = session.clientPin().getPinRetries().retries();
    }
    authenticator.replug(); // a reset would be allowed now, if anything tried one

    Run run = launch(settings(device, true), List.of(RealKeyStateChangingTest.class));
    assertThat(run.finished()).isEmpty();
    assertThat(run.skipped().keySet())
        .containsExactlyInAnyOrder(
            "RealKeyStateChangingTest.setPin",
            "RealKeyStateChangingTest.changePin",
            "RealKeyStateChangingTest.discoverableCredentialSignsInWithoutAUsername",
            "RealKeyStateChangingTest.resetErasesThePinAndTheCredentials");
    assertThat(run.skipped().values())
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .contains("the key at " + device + " has a PIN (getInfo option clientPin=true)")
                    .contains("never modifies a key that has a PIN"));

    try (DeviceSession session = inMemory()) {
      assertThat(session.info().isPinSet()).contains(true);
      assertThat(session.clientPin().getPinRetries().retries()).isEqualTo(retries);
      assertThat(session.clientPin().getPinToken(PIN.toCharArray()).token()).isNotEmpty();
      assertNoDiscoverableCredential(session);
    }
  }

  @Test
  void withoutADeviceEveryRealKeyTestIsSkippedWithTheCommandToRunIt() {
    List<Class<?>> all =
        Arrays.asList(
            RealKeyInfoTest.class,
            RealKeyHidTest.class,
            RealKeyWebAuthnTest.class,
            RealKeyU2fTest.class,
            RealKeyStateChangingTest.class);
    Run run = launch(Map.of(RealKeyPolicy.DEVICE_PROPERTY, " "), all);
    assertThat(run.finished()).isEmpty();
    assertThat(run.skipped()).hasSize(10);
    assertThat(run.skipped().values())
        .containsOnly(
            RealKeyPolicy.skipReason(RealKeyPolicy.Settings.from(k -> Optional.empty()))
                .orElseThrow());
  }
}
