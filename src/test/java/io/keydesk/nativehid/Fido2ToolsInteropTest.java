package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An independent client on the same fake USB key: libfido2's command-line tools (Debian
 * fido2-tools) against KeyDesk's software authenticator. Where they disagree, the authenticator is
 * wrong. The tools read PINs from a terminal: {@link ChildProcesses#runTool} gives them their own
 * and types the PINs there.
 */
@RequiresNativeHid
class Fido2ToolsInteropTest {
  private static final String PIN = "4242aa";
  private static final String NEW_PIN = "9876zz";
  private static final String RP_ID = "keydesk.example";
  private static final String HASH_B64 = Base64.getEncoder().encodeToString(clientDataHash());
  private static final String USER_ID_B64 =
      Base64.getEncoder().encodeToString("kd-user-0001".getBytes(StandardCharsets.UTF_8));

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
    return TokenInfo.parse(info.stdout()).list("options");
  }

  private static byte[] clientDataHash() {
    byte[] hash = new byte[32];
    for (int i = 0; i < hash.length; i++) {
      hash[i] = (byte) (0xA0 + i);
    }
    return hash;
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
    assertThat(options(info())).as("a fresh authenticator has no PIN").contains("noclientPin");

    ChildProcesses.Result set = tool(List.of(PIN, PIN), "fido2-token", "-S", device.devnode());
    assertThat(set.exit()).as(set.transcript()).isZero();
    assertThat(prompts(set))
        .containsExactly("Enter new PIN for /dev/hidraw0:", "Enter the same PIN again:");
    ChildProcesses.Result afterSet = info();
    assertThat(options(afterSet)).contains("clientPin").doesNotContain("noclientPin");
    assertThat(afterSet.stdout()).contains("pin retries: 8\n");

    ChildProcesses.Result change =
        tool(List.of(PIN, NEW_PIN, NEW_PIN), "fido2-token", "-C", device.devnode());
    assertThat(change.exit()).as(change.transcript()).isZero();
    assertThat(prompts(change))
        .containsExactly(
            "Enter current PIN for /dev/hidraw0:",
            "Enter new PIN for /dev/hidraw0:",
            "Enter the same PIN again:");

    ChildProcesses.Result wrong =
        tool(List.of(PIN, NEW_PIN, NEW_PIN), "fido2-token", "-C", device.devnode());
    assertThat(wrong.exit()).as(wrong.transcript()).isEqualTo(1);
    assertThat(wrong.stderr()).contains("fido_dev_set_pin: FIDO_ERR_PIN_INVALID");
    assertThat(info().stdout()).contains("pin retries: 7\n");

    // The right PIN resets the counter (CTAP 2.1 6.5.5.7).
    ChildProcesses.Result back =
        tool(List.of(NEW_PIN, PIN, PIN), "fido2-token", "-C", device.devnode());
    assertThat(back.exit()).as(back.transcript()).isZero();
    assertThat(info().stdout()).contains("pin retries: 8\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"es256", "eddsa"})
  void credentialAndAssertionMadeByFido2ToolsVerify(String type) throws Exception {
    Path publicKey = makeAndVerifyCredential(type, List.of(), List.of(), List.of());
    String credentialId = Files.readAllLines(work.resolve("cred.verified")).get(0);

    Path assertIn =
        Files.writeString(work.resolve("assert.in"), lines(HASH_B64, RP_ID, credentialId));
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
            device.devnode(),
            type);
    assertThat(get.exit()).as(get.transcript()).isZero();
    List<String> assertion = Files.readAllLines(assertOut);
    assertThat(assertion.subList(0, 2)).containsExactly(HASH_B64, RP_ID);

    ChildProcesses.Result check =
        tool(
            List.of(),
            "fido2-assert",
            "-V",
            "-i",
            assertOut.toString(),
            publicKey.toString(),
            type);
    assertThat(check.exit()).as(check.transcript()).isZero();
    // The assertion was made without UV, so verifying it as user-verified (-v) must fail.
    ChildProcesses.Result needsUv =
        tool(
            List.of(),
            "fido2-assert",
            "-V",
            "-v",
            "-i",
            assertOut.toString(),
            publicKey.toString(),
            type);
    assertThat(needsUv.exit()).as(needsUv.transcript()).isEqualTo(1);
    assertThat(needsUv.stderr()).contains("fido_assert_verify: FIDO_ERR_INVALID_PARAM");
  }

  @Test
  void discoverableCredentialWithPinAndUvVerifies() throws Exception {
    ChildProcesses.Result set = tool(List.of(PIN, PIN), "fido2-token", "-S", device.devnode());
    assertThat(set.exit()).as(set.transcript()).isZero();
    Path publicKey =
        makeAndVerifyCredential("es256", List.of("-r", "-v"), List.of("-v"), List.of(PIN));

    Path assertIn = Files.writeString(work.resolve("assert.in"), lines(HASH_B64, RP_ID));
    Path assertOut = work.resolve("assert.out");
    ChildProcesses.Result get =
        tool(
            List.of(PIN),
            "fido2-assert",
            "-G",
            "-r",
            "-v",
            "-i",
            assertIn.toString(),
            "-o",
            assertOut.toString(),
            device.devnode());
    assertThat(get.exit()).as(get.transcript()).isZero();
    assertThat(prompts(get)).containsExactly("Enter PIN for /dev/hidraw0:");
    List<String> assertion = Files.readAllLines(assertOut);
    // hash, RP ID, authenticator data, signature, user ID (discoverable credentials return it)
    assertThat(assertion).hasSize(5);
    assertThat(assertion.get(4)).isEqualTo(USER_ID_B64);

    ChildProcesses.Result check =
        tool(
            List.of(),
            "fido2-assert",
            "-V",
            "-v",
            "-i",
            assertOut.toString(),
            publicKey.toString(),
            "es256");
    assertThat(check.exit()).as(check.transcript()).isZero();

    ChildProcesses.Result wrongPin =
        tool(
            List.of(NEW_PIN),
            "fido2-assert",
            "-G",
            "-r",
            "-v",
            "-i",
            assertIn.toString(),
            "-o",
            work.resolve("refused.out").toString(),
            device.devnode());
    assertThat(wrongPin.exit()).as(wrongPin.transcript()).isEqualTo(1);
    assertThat(wrongPin.stderr()).contains("fido_dev_get_assert: FIDO_ERR_PIN_INVALID");
  }

  @Test
  void credProtectUvRequiredHidesTheCredentialUntilThePinIsGiven() throws Exception {
    Path publicKey =
        makeAndVerifyCredential("es256", List.of("-r", "-c", "3"), List.of("-c", "3"), List.of());
    Path credOut = work.resolve("cred.out");
    // The extension is in the signed authenticator data: verifying without it must fail.
    ChildProcesses.Result withoutExtension =
        tool(List.of(), "fido2-cred", "-V", "-i", credOut.toString(), "es256");
    assertThat(withoutExtension.exit()).as(withoutExtension.transcript()).isEqualTo(1);
    assertThat(withoutExtension.stderr()).contains("fido_cred_verify: FIDO_ERR_INVALID_PARAM");

    String credentialId = Files.readAllLines(work.resolve("cred.verified")).get(0);
    Path assertIn =
        Files.writeString(work.resolve("assert.in"), lines(HASH_B64, RP_ID, credentialId));
    Path assertOut = work.resolve("assert.out");
    // userVerificationRequired (CTAP 2.1 12.1): not even an allow list finds it without UV.
    ChildProcesses.Result hidden =
        tool(
            List.of(),
            "fido2-assert",
            "-G",
            "-i",
            assertIn.toString(),
            "-o",
            assertOut.toString(),
            device.devnode());
    assertThat(hidden.exit()).as(hidden.transcript()).isEqualTo(1);
    assertThat(hidden.stderr()).contains("fido_dev_get_assert: FIDO_ERR_NO_CREDENTIALS");

    ChildProcesses.Result set = tool(List.of(PIN, PIN), "fido2-token", "-S", device.devnode());
    assertThat(set.exit()).as(set.transcript()).isZero();
    ChildProcesses.Result found =
        tool(
            List.of(PIN),
            "fido2-assert",
            "-G",
            "-v",
            "-i",
            assertIn.toString(),
            "-o",
            assertOut.toString(),
            device.devnode());
    assertThat(found.exit()).as(found.transcript()).isZero();
    ChildProcesses.Result check =
        tool(
            List.of(),
            "fido2-assert",
            "-V",
            "-v",
            "-i",
            assertOut.toString(),
            publicKey.toString(),
            "es256");
    assertThat(check.exit()).as(check.transcript()).isZero();
  }

  @Test
  void hmacSecretIsStablePerSaltAndTheAssertionVerifies() throws Exception {
    Path publicKey = makeAndVerifyCredential("es256", List.of("-h"), List.of("-h"), List.of());
    String credentialId = Files.readAllLines(work.resolve("cred.verified")).get(0);
    String salt = Base64.getEncoder().encodeToString(new byte[32]);
    byte[] otherSaltBytes = new byte[32];
    otherSaltBytes[0] = 1;
    String otherSalt = Base64.getEncoder().encodeToString(otherSaltBytes);

    String first = hmacSecret(credentialId, salt, "first");
    assertThat(Base64.getDecoder().decode(first)).hasSize(32);
    assertThat(hmacSecret(credentialId, salt, "second")).isEqualTo(first);
    assertThat(hmacSecret(credentialId, otherSalt, "other")).isNotEqualTo(first);

    ChildProcesses.Result check =
        tool(
            List.of(),
            "fido2-assert",
            "-V",
            "-h",
            "-i",
            work.resolve("first.out").toString(),
            publicKey.toString(),
            "es256");
    assertThat(check.exit()).as(check.transcript()).isZero();
  }

  /** fido2-assert -G -h with one salt; returns the hmac-secret output (base64). */
  private String hmacSecret(String credentialId, String salt, String name) throws Exception {
    Path in =
        Files.writeString(work.resolve(name + ".in"), lines(HASH_B64, RP_ID, credentialId, salt));
    Path out = work.resolve(name + ".out");
    ChildProcesses.Result get =
        tool(
            List.of(),
            "fido2-assert",
            "-G",
            "-h",
            "-i",
            in.toString(),
            "-o",
            out.toString(),
            device.devnode());
    assertThat(get.exit()).as(get.transcript()).isZero();
    List<String> assertion = Files.readAllLines(out);
    // hash, RP ID, authenticator data, signature, hmac-secret
    assertThat(assertion).as(get.transcript()).hasSize(5);
    return assertion.get(4);
  }

  /**
   * fido2-cred -M then -V (which checks the packed attestation signature with the batch
   * certificate); returns the PEM public key file and leaves the -V output in cred.verified.
   */
  private Path makeAndVerifyCredential(
      String type, List<String> makeFlags, List<String> verifyFlags, List<String> pin)
      throws Exception {
    Path credIn =
        Files.writeString(work.resolve("cred.in"), lines(HASH_B64, RP_ID, "alice", USER_ID_B64));
    Path credOut = work.resolve("cred.out");
    List<String> make = new ArrayList<>(List.of("fido2-cred", "-M"));
    make.addAll(makeFlags);
    make.addAll(List.of("-i", credIn.toString(), "-o", credOut.toString(), device.devnode(), type));
    ChildProcesses.Result made = tool(pin, make.toArray(String[]::new));
    assertThat(made.exit()).as(made.transcript()).isZero();
    List<String> credential = Files.readAllLines(credOut);
    // hash, RP ID, format, authenticator data, credential ID, signature, x5c
    assertThat(credential).hasSize(7);
    assertThat(credential.subList(0, 3)).containsExactly(HASH_B64, RP_ID, "packed");

    Path verified = work.resolve("cred.verified");
    List<String> verify = new ArrayList<>(List.of("fido2-cred", "-V"));
    verify.addAll(verifyFlags);
    verify.addAll(List.of("-i", credOut.toString(), "-o", verified.toString(), type));
    ChildProcesses.Result check = tool(List.of(), verify.toArray(String[]::new));
    assertThat(check.exit()).as(check.transcript()).isZero();
    List<String> output = Files.readAllLines(verified);
    assertThat(output.get(0)).isEqualTo(credential.get(4));
    assertThat(output.get(1)).isEqualTo("-----BEGIN PUBLIC KEY-----");
    Path publicKey = work.resolve("cred.pem");
    Files.write(publicKey, output.subList(1, output.size()));
    return publicKey;
  }

  /** The prompts the tool showed on its terminal, in order. */
  private static List<String> prompts(ChildProcesses.Result result) {
    return result
        .stderr()
        .lines()
        .filter(line -> line.startsWith("tty| ") && !line.startsWith("tty| (answer"))
        .map(line -> line.substring("tty| ".length()).strip())
        .toList();
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
