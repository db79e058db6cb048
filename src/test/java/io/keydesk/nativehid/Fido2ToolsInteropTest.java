package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent client on the same fake USB key: libfido2's command-line tools (Debian
 * fido2-tools) against KeyDesk's software authenticator. Where they disagree, the authenticator is
 * wrong. Steps whose CTAP2 command the authenticator does not implement yet are skipped with that
 * reason, never passed.
 */
@RequiresNativeHid
class Fido2ToolsInteropTest {
  private static final String PIN = "4242aa";
  private static final String NEW_PIN = "9876zz";
  private static final String RP_ID = "keydesk.example";

  @TempDir Path work;
  private SoftwareKey key;
  private FakeHidrawDevice device;

  @BeforeEach
  void start() throws Exception {
    key = SoftwareKey.start();
    device = key.device();
  }

  @AfterEach
  void stop() {
    if (key != null) {
      key.close();
    }
  }

  private ChildProcesses.Result tool(List<String> stdin, String... argv) throws Exception {
    return ChildProcesses.runTool(device, stdin, argv);
  }

  private ChildProcesses.Result info() throws Exception {
    ChildProcesses.Result info = tool(List.of(), "fido2-token", "-I", device.devnode());
    assertThat(info.exit()).as(info.transcript()).isZero();
    return info;
  }

  /** The "options:" line of fido2-token -I, as a list such as [rk, up, noplat, clientPin]. */
  private static List<String> options(ChildProcesses.Result info) {
    return info.stdout()
        .lines()
        .filter(line -> line.startsWith("options: "))
        .findFirst()
        .map(line -> Arrays.asList(line.substring("options: ".length()).split(",\\s*")))
        .orElse(List.of());
  }

  /** Skips when the authenticator answered CTAP1_ERR_INVALID_COMMAND: not implemented yet. */
  private static void assumeImplemented(ChildProcesses.Result result, String what) {
    assumeTrue(
        !result.stderr().contains("FIDO_ERR_INVALID_COMMAND"),
        "the software authenticator does not implement " + what + " yet: " + result.stderr());
  }

  @Test
  void fido2TokenListsTheKey() throws Exception {
    ChildProcesses.Result list = tool(List.of(), "fido2-token", "-L");
    assertThat(list.exit()).as(list.transcript()).isZero();
    assertThat(list.stdout().strip())
        .isEqualTo(
            "/dev/hidraw0: vendor=0x1209, product=0x0001 (KeyDesk Software Authenticator"
                + " (umockdev))");
  }

  @Test
  void fido2TokenInfoAgreesWithTheAuthenticator() throws Exception {
    String out = info().stdout();
    assertThat(out).contains("aaguid: " + key.simulator().aaguidHex() + "\n");
    assertThat(out).containsPattern("(?m)^version strings: .*FIDO_2_0");
    // CTAPHID capabilities: WINK and CBOR, and NMSG because there is no U2F (CTAP 2.1 11.2.9.1.3).
    assertThat(out).contains("caps: 0x0d (wink, cbor, nomsg)\n");
    assertThat(out).contains("maxmsgsiz: 1200\n");
  }

  @Test
  void fido2TokenSetsAndChangesThePin() throws Exception {
    List<String> before = options(info());
    assumeTrue(
        before.contains("clientPin") || before.contains("noclientPin"),
        "the software authenticator does not offer clientPin yet (options: " + before + ")");
    assertThat(before).as("a fresh authenticator has no PIN").contains("noclientPin");

    ChildProcesses.Result set = tool(List.of(PIN, PIN), "fido2-token", "-S", device.devnode());
    assertThat(set.exit()).as(set.transcript()).isZero();
    ChildProcesses.Result afterSet = info();
    assertThat(options(afterSet)).contains("clientPin");
    assertThat(afterSet.stdout()).contains("pin retries: 8\n");

    ChildProcesses.Result change =
        tool(List.of(PIN, NEW_PIN, NEW_PIN), "fido2-token", "-C", device.devnode());
    assertThat(change.exit()).as(change.transcript()).isZero();

    ChildProcesses.Result wrong =
        tool(List.of(PIN, NEW_PIN, NEW_PIN), "fido2-token", "-C", device.devnode());
    assertThat(wrong.exit()).as(wrong.transcript()).isNotZero();
    assertThat(wrong.stderr()).contains("FIDO_ERR_PIN_INVALID");
    assertThat(info().stdout()).contains("pin retries: 7\n");
  }

  @Test
  void credentialAndAssertionMadeByFido2ToolsVerify() throws Exception {
    byte[] hash = new byte[32];
    for (int i = 0; i < hash.length; i++) {
      hash[i] = (byte) (0xA0 + i);
    }
    String hashB64 = Base64.getEncoder().encodeToString(hash);
    String userId =
        Base64.getEncoder().encodeToString("kd-user-0001".getBytes(StandardCharsets.UTF_8));
    Path credIn =
        Files.writeString(work.resolve("cred.in"), lines(hashB64, RP_ID, "alice", userId));
    Path credOut = work.resolve("cred.out");

    ChildProcesses.Result make =
        tool(
            List.of(),
            "fido2-cred",
            "-M",
            "-i",
            credIn.toString(),
            "-o",
            credOut.toString(),
            device.devnode(),
            "es256");
    assumeImplemented(make, "authenticatorMakeCredential");
    assertThat(make.exit()).as(make.transcript()).isZero();

    Path verified = work.resolve("cred.verified");
    ChildProcesses.Result verify =
        tool(
            List.of(),
            "fido2-cred",
            "-V",
            "-i",
            credOut.toString(),
            "-o",
            verified.toString(),
            "es256");
    assertThat(verify.exit()).as(verify.transcript()).isZero();
    List<String> credential = Files.readAllLines(verified);
    assertThat(credential.get(1)).startsWith("-----BEGIN PUBLIC KEY-----");
    String credentialId = credential.get(0);
    Path publicKey = work.resolve("cred.pem");
    Files.write(publicKey, credential.subList(1, credential.size()));

    Path assertIn =
        Files.writeString(work.resolve("assert.in"), lines(hashB64, RP_ID, credentialId));
    Path assertOut = work.resolve("assert.out");
    ChildProcesses.Result get =
        tool(
            List.of(),
            "fido2-assert",
            "-G",
            "-i",
            assertIn.toString(),
            "-o",
            assertOut.toString(),
            device.devnode());
    assumeImplemented(get, "authenticatorGetAssertion");
    assertThat(get.exit()).as(get.transcript()).isZero();

    ChildProcesses.Result check =
        tool(
            List.of(),
            "fido2-assert",
            "-V",
            "-i",
            assertOut.toString(),
            publicKey.toString(),
            "es256");
    assertThat(check.exit()).as(check.transcript()).isZero();
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
