package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.testing.MutableClock;
import io.keydesk.testing.SoftwareKeys;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * info, pin, make-credential, get-assertion and reset end to end against the software authenticator
 * served over UDP on an ephemeral port (--device udp:127.0.0.1:PORT/0).
 */
class CredentialCommandsTest {
  private final InputStream stdin = System.in;
  private SoftwareAuthenticator authenticator;
  private UdpSimulatorServer server;
  private String device;

  private record Result(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    // The reset at the end of the story must fall within 10 s of power-up however long the CLI
    // runs before it take on a busy machine: the authenticator's clock stands still.
    MutableClock clock = new MutableClock(Instant.now());
    authenticator = SoftwareKeys.onClock(clock);
    server =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
    device = "udp:127.0.0.1:" + server.deviceAddress().getPort() + "/0";
    System.setProperty(DeviceChoice.SIMULATORS_PROPERTY, "");
  }

  @AfterEach
  void stop() {
    System.setIn(stdin);
    System.clearProperty(DeviceChoice.SIMULATORS_PROPERTY);
    server.close();
    authenticator.close();
  }

  private Result run(String input, String... args) {
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KeyDeskCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--device";
    all[1] = device;
    System.arraycopy(args, 0, all, 2, args.length);
    return new Result(cli.execute(all), out.toString(), err.toString());
  }

  @Test
  void infoPinMakeCredentialGetAssertionAndReset() throws Exception {
    Result info = run("", "info");
    assertThat(info.exit()).isZero();
    assertThat(info.out().replaceAll(" +", " "))
        .contains("Versions: FIDO_2_0, FIDO_2_1\n")
        .contains("PIN: not set (minimum length 4); set one with 'keydesk pin set'\n")
        .contains("Discoverable credentials: supported, 25 slots left\n");

    Result set = run("123456\n", "pin", "set", "--pin-stdin");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).isEqualTo("PIN set on " + device + ".\n");

    JsonNode infoJson = new ObjectMapper().readTree(run("", "info", "--json").out());
    assertThat(infoJson.get("pin").toString())
        .isEqualTo("{\"supported\":true,\"set\":true,\"retries\":8,\"powerCycleState\":false}");

    Result wrong = run("000000\n", "pin", "verify", "--pin-stdin");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err())
        .isEqualTo(
            "keydesk: Wrong PIN. 7 tries left; after 3 wrong PINs in a row the key must be"
                + " re-inserted.\n");
    assertThat(run("", "pin", "retries").out()).isEqualTo("PIN: 7 tries left.\n");

    Result made =
        run(
            "123456\n",
            "make-credential",
            "--rp",
            "example.com",
            "--user",
            "alice",
            "--rk",
            "--uv",
            "--pin-stdin",
            "--verify",
            "--json");
    assertThat(made.exit()).as(made.err()).isZero();
    JsonNode credential = new ObjectMapper().readTree(made.out());
    assertThat(credential.get("fmt").asText()).isEqualTo("packed");
    assertThat(credential.get("flags").get("uv").asBoolean()).isTrue();
    assertThat(credential.get("verification").get("verified").asBoolean()).isTrue();

    Result text = run("123456\n", "make-credential", "--user", "bob", "--pin-stdin", "--verify");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out())
        .startsWith("Credential created on " + device + " for example.com:\n  credential ID: ")
        .contains("  attestation signature verified (packed, basic): ");

    Result asserted =
        run(
            "123456\n",
            "get-assertion",
            "--uv",
            "--pin-stdin",
            "--verify",
            "--allow",
            credential.get("credentialId").asText(),
            "--public-key",
            credential.get("publicKey").asText());
    assertThat(asserted.exit()).as(asserted.err()).isZero();
    assertThat(asserted.out())
        .contains("  credential ID: " + credential.get("credentialId").asText())
        .contains("  flags UP UV, counter ")
        .contains("  assertion signature verified with the credential public key (ES256)");

    Result excluded =
        run(
            "123456\n",
            "make-credential",
            "--user",
            "alice",
            "--pin-stdin",
            "--exclude",
            credential.get("credentialId").asText());
    assertThat(excluded.exit()).isEqualTo(1);
    assertThat(excluded.err())
        .endsWith("keydesk: This key is already registered for this account; use another key.\n");

    Result reset = run("", "reset", "--yes");
    assertThat(reset.exit()).as(reset.err()).isZero();
    assertThat(reset.out())
        .isEqualTo("The key was reset: every credential and its PIN are erased.\n");
    assertThat(run("", "info").out().replaceAll(" +", " ")).contains("PIN: not set");
  }

  @Test
  void verifyWithTheWrongKeyFailsWithExitOne() throws Exception {
    JsonNode one =
        new ObjectMapper().readTree(run("", "make-credential", "--user", "a", "--json").out());
    JsonNode two =
        new ObjectMapper().readTree(run("", "make-credential", "--user", "b", "--json").out());
    Result result =
        run(
            "",
            "get-assertion",
            "--verify",
            "--allow",
            one.get("credentialId").asText(),
            "--public-key",
            two.get("publicKey").asText());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            TouchPrompt.MESSAGE
                + "\nkeydesk: Verification failed: assertion signature NOT verified: it does not verify"
                + " with the ES256 key given\n");
  }

  @Test
  void usageErrors() {
    assertThat(run("", "make-credential", "--alg", "XYZ").exit()).isEqualTo(2);
    assertThat(run("", "get-assertion", "--client-data-hash", "abcd").exit()).isEqualTo(2);
    Result noPin = run("", "pin", "verify", "--pin-stdin");
    assertThat(noPin.exit()).isEqualTo(2);
    assertThat(noPin.err())
        .isEqualTo(
            "keydesk: --pin-stdin: standard input ended before a PIN; write the PIN as one"
                + " line.\n");
  }

  @Test
  void pinChangeReadsTwoLines() {
    run("123456\n", "pin", "set", "--pin-stdin");
    Result changed = run("123456\n654321\n", "pin", "change", "--pin-stdin");
    assertThat(changed.exit()).as(changed.err()).isZero();
    assertThat(changed.out()).isEqualTo("PIN changed on " + device + ".\n");
    assertThat(run("654321\n", "pin", "verify", "--pin-stdin").out())
        .isEqualTo("The PIN is correct.\n");
  }
}
