package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.ctap2.CtapCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two UDP simulators present and no --device: {@code webauthn create/get} let the user pick a key
 * by touching it (the untouched key's wait is cancelled), management commands keep the usage
 * error, and --device still picks one key without a selection.
 */
class SeveralKeysTest {
  static final String ORIGIN = "https://example.com";

  @TempDir Path dir;
  private final InputStream stdin = System.in;
  private final List<SoftwareAuthenticator> authenticators = new ArrayList<>();
  private final List<UdpSimulatorServer> servers = new ArrayList<>();
  private final Recorder idle = new Recorder(null);
  private final Recorder touched = new Recorder(idle);
  private String idleId;
  private String touchedId;

  private record Result(int exit, String out, String err) {}

  /**
   * Records the CTAP commands that asked for a touch. The idle key never approves, and counts the
   * waits that ended by cancellation (CTAPHID_CANCEL). The touched key approves its n-th
   * SELECTION only once the idle key was asked for presence n times, so the selection really races
   * two waiting keys however the threads are scheduled; other commands it approves at once.
   */
  static final class Recorder implements UserPresence {
    private static final long FAILURE_DEADLINE_SECONDS = 30;
    final Recorder othersAsked; // null: this key never approves
    final List<Integer> commands = new CopyOnWriteArrayList<>();
    final Semaphore asked = new Semaphore(0);
    final CountDownLatch cancelled = new CountDownLatch(1);

    Recorder(Recorder othersAsked) {
      this.othersAsked = othersAsked;
    }

    @Override
    public CompletableFuture<Boolean> request(Request request) {
      commands.add(request.command());
      asked.release();
      if (othersAsked != null) {
        if (request.command() != CtapCommand.SELECTION) {
          return CompletableFuture.completedFuture(true);
        }
        return CompletableFuture.supplyAsync(
            () -> {
              try {
                // Failure-only bound: if the idle key is never asked, the assertions on its
                // commands say so.
                othersAsked.asked.tryAcquire(FAILURE_DEADLINE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return true;
            },
            runnable -> {
              Thread thread = new Thread(runnable, "touched-key-finger");
              thread.setDaemon(true);
              thread.start();
            });
      }
      CompletableFuture<Boolean> future = new CompletableFuture<>();
      future.whenComplete(
          (value, error) -> {
            if (future.isCancelled()) {
              cancelled.countDown();
            }
          });
      return future;
    }
  }

  @BeforeEach
  void start() throws Exception {
    idleId = simulator(idle);
    touchedId = simulator(touched);
    System.setProperty(DeviceChoice.SIMULATORS_PROPERTY, idleId + "," + touchedId);
  }

  private String simulator(UserPresence presence) throws Exception {
    SoftwareAuthenticator authenticator =
        SoftwareAuthenticator.builder()
            .handler(Ctap2CommandHandler::new)
            .userPresence(presence)
            .build();
    authenticators.add(authenticator);
    UdpSimulatorServer server =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
    servers.add(server);
    return "udp:127.0.0.1:" + server.deviceAddress().getPort() + "/0";
  }

  @AfterEach
  void stop() {
    System.setIn(stdin);
    System.clearProperty(DeviceChoice.SIMULATORS_PROPERTY);
    servers.forEach(UdpSimulatorServer::close);
    authenticators.forEach(SoftwareAuthenticator::close);
  }

  private Result run(String... args) {
    System.setIn(new ByteArrayInputStream(new byte[0]));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KeyDeskCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Result(cli.execute(args), out.toString(), err.toString());
  }

  private Path file(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private Path creationOptions() throws Exception {
    return file(
        "create.json",
        "{\"rp\":{\"id\":\"example.com\",\"name\":\"Example\"},\"user\":{\"id\":\"AQ\","
            + "\"name\":\"alice\",\"displayName\":\"Alice\"},"
            + "\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAA\","
            + "\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-7}],"
            + "\"authenticatorSelection\":{\"userVerification\":\"discouraged\"}}");
  }

  @Test
  void createAndGetLetTheUserTouchTheKeyToUse() throws Exception {
    Result create =
        run(
            "webauthn",
            "create",
            "--json",
            "--origin",
            ORIGIN,
            "--options",
            creationOptions().toString());

    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(create.err()).startsWith(DeviceChoice.TOUCH_TO_CHOOSE + "\n");
    assertThat(create.out()).startsWith("{\"id\":\"");
    // The touched key was selected, then made the credential; the other key's wait was cancelled.
    assertThat(touched.commands)
        .containsExactly(CtapCommand.SELECTION, CtapCommand.MAKE_CREDENTIAL);
    assertThat(idle.commands).containsExactly(CtapCommand.SELECTION);
    assertThat(idle.cancelled.await(30, TimeUnit.SECONDS)).isTrue();

    Matcher id = Pattern.compile("\"id\":\"([A-Za-z0-9_-]+)\"").matcher(create.out());
    assertThat(id.find()).isTrue();
    Path get =
        file(
            "get.json",
            "{\"rpId\":\"example.com\",\"challenge\":\"AQEBAQEBAQEBAQEBAQEBAQ\","
                + "\"userVerification\":\"discouraged\",\"allowCredentials\":[{\"type\":"
                + "\"public-key\",\"id\":\""
                + id.group(1)
                + "\"}]}");
    Result assertion =
        run("webauthn", "get", "--json", "--origin", ORIGIN, "--options", get.toString());

    assertThat(assertion.exit()).as(assertion.err()).isZero();
    assertThat(assertion.err()).startsWith(DeviceChoice.TOUCH_TO_CHOOSE + "\n");
    assertThat(assertion.out()).startsWith("{\"id\":\"" + id.group(1) + "\"");
    assertThat(touched.commands)
        .containsExactly(
            CtapCommand.SELECTION,
            CtapCommand.MAKE_CREDENTIAL,
            CtapCommand.SELECTION,
            CtapCommand.GET_ASSERTION);
    assertThat(idle.commands).containsExactly(CtapCommand.SELECTION, CtapCommand.SELECTION);
  }

  @Test
  void deviceStillPicksOneKeyWithoutASelection() throws Exception {
    Result create =
        run(
            "--device",
            touchedId,
            "webauthn",
            "create",
            "--json",
            "--origin",
            ORIGIN,
            "--options",
            creationOptions().toString());

    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(create.err()).doesNotContain(DeviceChoice.TOUCH_TO_CHOOSE);
    assertThat(touched.commands).containsExactly(CtapCommand.MAKE_CREDENTIAL);
    assertThat(idle.commands).isEmpty();
  }

  @Test
  void managementCommandsKeepTheUsageError() {
    for (String[] command :
        List.of(new String[] {"info"}, new String[] {"reset", "--yes"}, new String[] {"wink"})) {
      Result result = run(command);
      assertThat(result.exit()).as(String.join(" ", command)).isEqualTo(KeyDeskCommand.EXIT_USAGE);
      assertThat(result.err())
          .startsWith("keydesk: Several security keys are present; choose one with --device");
    }
    assertThat(idle.commands).isEmpty();
    assertThat(touched.commands).isEmpty();
  }
}
