package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.app.AccountService;
import io.keydesk.app.KeyRemovalResult;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.server.RelyingPartyServer;
import io.keydesk.server.ServerOptions;
import io.keydesk.server.mail.Mailer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole {@code keydesk account} story through the CLI, against the reference relying party
 * (ephemeral HTTPS port, emails captured in memory) and a UDP software authenticator (ephemeral
 * ports): sign up, add a key (password, then the emailed code on stdin), log in with the key, list,
 * rename and remove the key (last-key warning), list offline (stale), and the local log.
 */
class AccountCliStoryTest {
  static final String EMAIL = "story@example.com";
  static final String PASSWORD = "correct horse battery staple";
  static final Pattern CODE = Pattern.compile("code is (\\d{6})");

  @TempDir Path dir;
  private final InputStream originalIn = System.in;
  private final List<String> mails = new ArrayList<>();
  private Stdin stdin;
  private RelyingPartyServer server;
  private SoftwareAuthenticator authenticator;
  private UdpSimulatorServer simulator;
  private String device;

  private record Result(int exit, String out, String err) {}

  /**
   * Standard input fed line by line while the command runs: the emailed code is only known once
   * the server has sent it, which happens in the middle of the command.
   */
  static final class Stdin extends InputStream {
    private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

    void line(String text) {
      for (byte b : (text + "\n").getBytes(StandardCharsets.UTF_8)) {
        bytes.add(b & 0xFF);
      }
    }

    @Override
    public int read() {
      try {
        return bytes.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      buffer[offset] = (byte) read();
      int n = 1;
      Integer next;
      while (n < length && (next = bytes.poll()) != null) {
        buffer[offset + n++] = next.byteValue();
      }
      return n;
    }

    @Override
    public int available() {
      return bytes.size();
    }
  }

  /** Keeps each email and feeds a code it carries to the command's stdin, as a user would. */
  final class FeedingMailer implements Mailer {
    @Override
    public void send(String to, String subject, String body) {
      mails.add(body);
      Matcher code = CODE.matcher(body);
      if (code.find()) {
        stdin.line(code.group(1));
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    server =
        RelyingPartyServer.start(
            new ServerOptions(
                dir.resolve("rp"), "localhost", "127.0.0.1", 0, new FeedingMailer(),
                Clock.systemUTC()));
    authenticator = SoftwareAuthenticator.builder().handler(Ctap2CommandHandler::new).build();
    simulator =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
    device = "udp:127.0.0.1:" + simulator.deviceAddress().getPort() + "/0";
    System.setProperty(DeviceChoice.SIMULATORS_PROPERTY, "");
  }

  @AfterEach
  void stop() {
    System.setIn(originalIn);
    System.clearProperty(DeviceChoice.SIMULATORS_PROPERTY);
    simulator.close();
    authenticator.close();
    server.close();
  }

  /** Runs {@code keydesk --device DEV account SUB --data-dir DIR ARGS} with these stdin lines. */
  private Result account(List<String> input, String sub, String... args) {
    stdin = new Stdin();
    input.forEach(stdin::line);
    System.setIn(stdin);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KeyDeskCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all =
        new ArrayList<>(
            List.of("--device", device, "account", sub, "--data-dir", dir.resolve("cache").toString()));
    all.addAll(List.of(args));
    return new Result(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  private String url() {
    return "https://localhost:" + server.port();
  }

  @Test
  void signUpAddKeyLogInListRenameRemoveOfflineAndLog() throws Exception {
    // 1. Add the account, pinning the self-signed certificate, and create it at the server.
    Result add =
        account(
            List.of(PASSWORD), "add", url(), EMAIL, "--sign-up", "--password-stdin",
            "--pin-fingerprint", server.fingerprint());
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out())
        .contains("Added account 1: " + EMAIL + " at " + url() + "\n")
        .contains("Pinned certificate SHA-256 ")
        .contains("Created " + EMAIL + " at the server.\n");

    // 2. Add the key: the password, then the emailed code (fed when the email is sent).
    Result addKey =
        account(List.of(PASSWORD), "add-key", "--name", "Blue", "--password-stdin", "--code-stdin");
    assertThat(addKey.exit()).as(addKey.err()).isZero();
    assertThat(addKey.err()).contains("we sent a 6-digit code to " + EMAIL);
    assertThat(mails).hasSize(1);
    Matcher added = Pattern.compile("Added key \"Blue\" \\(([A-Za-z0-9_-]+)\\)\\.").matcher(addKey.out());
    assertThat(added.find()).as(addKey.out()).isTrue();
    String keyId = added.group(1);

    // 3. Log in: password, then the key as second factor.
    Result login = account(List.of(PASSWORD), "login", "--password-stdin");
    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(login.out())
        .contains("Logged in as " + EMAIL + " at " + url() + ".\n")
        .contains("Two-factor: ON (1 key, ");
    assertThat(login.err()).contains("Using your security key to log in.");

    // 4. The key list as JSON.
    Result keys = account(List.of(PASSWORD), "keys", "--json", "--password-stdin");
    assertThat(keys.exit()).as(keys.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(keys.out());
    assertThat(json.path("account").asText()).isEqualTo(EMAIL);
    assertThat(json.path("stale").asBoolean()).isFalse();
    assertThat(json.path("twoFactorActive").asBoolean()).isTrue();
    assertThat(json.path("keys")).hasSize(1);
    assertThat(json.path("keys").get(0).path("id").asText()).isEqualTo(keyId);
    assertThat(json.path("keys").get(0).path("name").asText()).isEqualTo("Blue");

    // 5. Rename.
    Result rename =
        account(List.of(PASSWORD), "rename-key", keyId, "Blue backup", "--password-stdin");
    assertThat(rename.exit()).as(rename.err()).isZero();
    assertThat(rename.out()).contains("Renamed key " + keyId + " to \"Blue backup\".\n");

    // 6. Remove the last key: the warning, confirmed by --yes.
    Result remove =
        account(List.of(PASSWORD), "remove-key", keyId, "--yes", "--password-stdin", "--code-stdin");
    assertThat(remove.exit()).as(remove.err()).isZero();
    assertThat(remove.err())
        .contains(AccountService.LAST_KEY_WARNING + "\n")
        .contains("Continuing (--yes).");
    assertThat(remove.out())
        .contains("Removed key \"Blue backup\" (" + keyId + ").\n")
        .contains(KeyRemovalResult.TWO_FACTOR_OFF);

    // 7. Offline: the server is gone, the cached list is shown, marked stale.
    server.close();
    Result offline = account(List.of(PASSWORD), "keys", "--password-stdin");
    assertThat(offline.exit()).as(offline.err()).isZero();
    assertThat(offline.out())
        .contains(EMAIL + " at " + url())
        .contains("(offline) Showing the list from ")
        .contains("The server can't be reached right now.")
        .contains("No security keys registered.");

    // 8. The local log, newest first.
    Result log = account(List.of(), "log");
    assertThat(log.exit()).as(log.err()).isZero();
    List<String> actions =
        log.out().lines().map(line -> line.split(" +")[1]).toList();
    assertThat(actions)
        .containsExactly(
            "account.sync", "key.remove", "account.login", // 6. (keys refreshed after the removal)
            "account.sync", "key.rename", "account.login", // 5.
            "account.sync", "account.login", // 4.
            "account.sync", "account.login", // 3.
            "account.sync", "key.add", "account.login", // 2.
            "account.signup", "account.add"); // 1. (7. was offline: nothing was done)
    assertThat(log.out())
        .contains("key.add        OK  \"Blue\" (" + keyId + ")\n")
        .contains("key.remove     OK  \"Blue backup\" (" + keyId + ")\n")
        .contains("account.login  OK  by security key\n")
        .contains("account.login  OK  by password\n");
  }
}
