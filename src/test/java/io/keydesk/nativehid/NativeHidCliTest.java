package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KeyDesk's own CLI and {@code Hid4javaConnection} on the real native path: the CLI runs as a child
 * process under the umockdev preload and finds the fake USB key, behind which KeyDesk's software
 * authenticator ({@code keydesk simulator}) answers over UDP. What the CLI reports and produces is
 * cross-checked with libfido2's tools on the same key: fido2-token -I, fido2-cred -V (packed
 * attestation) and fido2-assert -V.
 */
@RequiresNativeHid
class NativeHidCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PIN = "4242aa";
  private static final String NEW_PIN = "9876zz";
  private static final String RP_ID = "keydesk.example";
  private static final String CLIENT_DATA_HASH =
      "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";

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

  @Test
  void devicesFindsTheKeyWithItsUsbIdentity() throws Exception {
    ChildProcesses.Result result = ChildProcesses.runKeydesk(device, "devices", "--json");
    assertThat(result.exit()).as(result.transcript()).isZero();
    JsonNode devices = JSON.readTree(result.stdout());
    assertThat(devices.size()).as(result.stdout()).isEqualTo(1);
    JsonNode key = devices.get(0);
    assertThat(key.get("id").asText()).isEqualTo("/dev/hidraw0");
    assertThat(key.get("vendorId").asText()).isEqualTo("1209");
    assertThat(key.get("productId").asText()).isEqualTo("0001");
    assertThat(key.get("manufacturer").asText()).isEqualTo(FakeHidrawDevice.MANUFACTURER);
    assertThat(key.get("product").asText()).isEqualTo(FakeHidrawDevice.PRODUCT);
    assertThat(key.get("serial").asText()).isEqualTo(FakeHidrawDevice.SERIAL);
    assertThat(key.get("transport").asText()).isEqualTo("usb");
  }

  @Test
  void winkReachesTheSoftwareAuthenticator() throws Exception {
    ChildProcesses.Result result = ChildProcesses.runKeydesk(device, "wink");
    assertThat(result.exit()).as(result.transcript()).isZero();
    assertThat(result.stdout()).contains("Winked").contains("/dev/hidraw0");
    assertThat(key.simulator().awaitLine("Wink.", ChildProcesses.RUN_TIMEOUT)).isEqualTo("Wink.");
  }

  @Test
  void pingOf1000BytesCrossesTheNativePathReportForReport() throws Exception {
    ChildProcesses.Result result = ChildProcesses.runKeydesk(device, "ping", "--size", "1000");
    assertThat(result.exit()).as(result.transcript()).isZero();
    assertThat(result.stdout())
        .containsPattern("Ping /dev/hidraw0: 1000 bytes echoed in [0-9.]+ ms");
    JsonNode stats = device.stats();
    assertThat(stats.get("bad_writes").asInt()).isZero();
    assertThat(stats.get("bad_datagrams").asInt()).isZero();
    // INIT, then the 1000-byte PING in 17 reports, each way.
    assertThat(stats.get("host_reports").asInt()).isEqualTo(18);
    assertThat(stats.get("device_reports").asInt()).isEqualTo(18);
  }

  @Test
  void keyPulledOutMidOperationGivesACleanErrorAndNoHang() throws Exception {
    // The harness unplugs the key right after the CLI's first report (its INIT), while the CLI
    // waits for the answer: no round trip through this JVM that could outlast the CLI's deadline.
    device.unplugOnNextWrite();
    try (JsonLineProcess cli = ChildProcesses.startKeydesk(device, "ping", "--size", "1000")) {
      device.awaitDroppedReport();
      assertThat(device.awaitUnplugged().get("closed").asBoolean()).isTrue();
      int exit = cli.awaitExit(ChildProcesses.RUN_TIMEOUT);
      assertThat(exit).as(cli.transcript()).isEqualTo(1);
      assertThat(cli.stderr().lines().toList())
          .as(cli.transcript())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .startsWith("keydesk: The key was disconnected (/dev/hidraw0")
                      .endsWith("re-insert it and try again."));
    }
  }

  @Test
  void infoAgreesWithFido2TokenAndTheSimulator() throws Exception {
    ChildProcesses.Result result = ChildProcesses.runKeydesk(device, "info", "--json");
    assertThat(result.exit()).as(result.transcript()).isZero();
    JsonNode info = JSON.readTree(result.stdout());
    TokenInfo token = TokenInfo.read(device);

    assertThat(info.get("device").asText()).isEqualTo("/dev/hidraw0");
    String aaguid = info.get("aaguid").asText();
    assertThat(aaguid.replace("-", ""))
        .isEqualTo(key.simulator().aaguidHex())
        .isEqualTo(token.get("aaguid"));
    assertThat(texts(info.get("versions"))).isEqualTo(token.list("version strings"));
    assertThat(texts(info.get("extensions"))).isEqualTo(token.list("extension strings"));
    assertThat(texts(info.get("transports"))).isEqualTo(token.list("transport strings"));
    List<String> algorithms = new ArrayList<>();
    info.get("algorithms")
        .forEach(
            a ->
                algorithms.add(
                    a.get("name").asText().toLowerCase(Locale.ROOT)
                        + " ("
                        + a.get("type").asText()
                        + ")"));
    assertThat(algorithms).isEqualTo(token.list("algorithms"));
    List<String> options = new ArrayList<>();
    info.get("options")
        .fields()
        .forEachRemaining(o -> options.add((o.getValue().asBoolean() ? "" : "no") + o.getKey()));
    assertThat(options).containsExactlyInAnyOrderElementsOf(token.list("options"));
    assertThat(options).contains("noclientPin");
    assertThat(info.get("pinUvAuthProtocols").toString().replaceAll("[\\[\\] ]", ""))
        .isEqualTo(token.get("pin protocols").replace(" ", ""));
    assertThat(info.get("maxMsgSize").asText()).isEqualTo(token.get("maxmsgsiz"));
    assertThat(info.get("maxCredentialCountInList").asText()).isEqualTo(token.get("maxcredcntlst"));
    assertThat(info.get("maxCredentialIdLength").asText()).isEqualTo(token.get("maxcredlen"));
    assertThat(info.get("minPINLength").asText()).isEqualTo(token.get("minpinlen"));
    assertThat(info.get("remainingDiscoverableCredentials").asText())
        .isEqualTo(token.get("remaining rk(s)"));
    assertThat("0x" + Long.toHexString(info.get("firmwareVersion").asLong()))
        .isEqualTo(token.get("fwversion"));
    assertThat(info.get("forcePINChange").asBoolean())
        .isEqualTo(Boolean.parseBoolean(token.get("pin change required")));
    assertThat(info.get("pin").get("supported").asBoolean()).as(result.stdout()).isTrue();
    assertThat(info.get("pin").get("set").asBoolean()).as(result.stdout()).isFalse();

    ChildProcesses.Result text = ChildProcesses.runKeydesk(device, "info");
    assertThat(text.exit()).as(text.transcript()).isZero();
    assertThat(text.stdout())
        .containsPattern("(?m)^Device: +/dev/hidraw0$")
        .containsPattern("(?m)^AAGUID: +" + aaguid + "$")
        .containsPattern("(?m)^PIN: +not set");
  }

  @Test
  void pinSetThenChangeReachTheKeyAndLibfido2AgreesWithTheResult() throws Exception {
    ChildProcesses.Result set =
        ChildProcesses.runKeydesk(device, List.of(PIN), "pin", "set", "--pin-stdin");
    assertThat(set.exit()).as(set.transcript()).isZero();
    assertThat(set.stdout()).isEqualTo("PIN set on /dev/hidraw0.\n");
    assertThat(TokenInfo.read(device).list("options")).contains("clientPin");

    ChildProcesses.Result again =
        ChildProcesses.runKeydesk(device, List.of(NEW_PIN), "pin", "set", "--pin-stdin");
    assertThat(again.exit()).as(again.transcript()).isEqualTo(1);
    assertThat(again.stderr())
        .isEqualTo(
            "keydesk: /dev/hidraw0 already has a PIN; change it with 'keydesk pin change'"
                + " instead.\n");

    ChildProcesses.Result change =
        ChildProcesses.runKeydesk(device, List.of(PIN, NEW_PIN), "pin", "change", "--pin-stdin");
    assertThat(change.exit()).as(change.transcript()).isZero();
    assertThat(change.stdout()).isEqualTo("PIN changed on /dev/hidraw0.\n");

    ChildProcesses.Result wrong =
        ChildProcesses.runKeydesk(device, List.of(PIN), "pin", "verify", "--pin-stdin");
    assertThat(wrong.exit()).as(wrong.transcript()).isEqualTo(1);
    assertThat(wrong.stderr()).startsWith("keydesk: Wrong PIN. 7 tries left");
    ChildProcesses.Result retries = ChildProcesses.runKeydesk(device, "pin", "retries");
    assertThat(retries.exit()).as(retries.transcript()).isZero();
    assertThat(retries.stdout()).isEqualTo("PIN: 7 tries left.\n");
    TokenInfo afterWrong = TokenInfo.read(device);
    assertThat(afterWrong.get("pin retries")).isEqualTo("7");
    ChildProcesses.Result info = ChildProcesses.runKeydesk(device, "info", "--json");
    assertThat(info.exit()).as(info.transcript()).isZero();
    assertThat(JSON.readTree(info.stdout()).get("pin").get("retries").asText())
        .isEqualTo(afterWrong.get("pin retries"));

    // The independent client accepts the PIN KeyDesk set: libfido2 changes it back.
    ChildProcesses.Result tool =
        ChildProcesses.runTool(
            device, List.of(NEW_PIN, PIN, PIN), "fido2-token", "-C", device.devnode());
    assertThat(tool.exit()).as(tool.transcript()).isZero();
    ChildProcesses.Result verify =
        ChildProcesses.runKeydesk(device, List.of(PIN), "pin", "verify", "--pin-stdin");
    assertThat(verify.exit()).as(verify.transcript()).isZero();
    assertThat(verify.stdout()).isEqualTo("The PIN is correct.\n");
    assertThat(TokenInfo.read(device).get("pin retries")).isEqualTo("8");
  }

  @Test
  void makeCredentialAndGetAssertionVerifyAndLibfido2Agrees() throws Exception {
    ChildProcesses.Result made =
        ChildProcesses.runKeydesk(
            device,
            "make-credential",
            "--rp",
            RP_ID,
            "--user",
            "alice",
            "--client-data-hash",
            CLIENT_DATA_HASH,
            "--verify",
            "--json");
    assertThat(made.exit()).as(made.transcript()).isZero();
    JsonNode credential = JSON.readTree(made.stdout());
    assertThat(credential.get("fmt").asText()).isEqualTo("packed");
    assertThat(credential.get("clientDataHash").asText()).isEqualTo(CLIENT_DATA_HASH);
    assertThat(credential.get("verification").get("verified").asBoolean())
        .as(made.stdout())
        .isTrue();
    assertThat(credential.get("flags").get("up").asBoolean()).isTrue();
    assertThat(credential.get("flags").get("at").asBoolean()).isTrue();

    // libfido2 checks the same attestation and gives the public key as PEM.
    Path publicKey = verifyWithFido2Cred(credential, List.of());

    ChildProcesses.Result got =
        ChildProcesses.runKeydesk(
            device,
            "get-assertion",
            "--rp",
            RP_ID,
            "--allow",
            credential.get("credentialId").asText(),
            "--public-key",
            credential.get("publicKey").asText(),
            "--client-data-hash",
            CLIENT_DATA_HASH,
            "--verify",
            "--json");
    assertThat(got.exit()).as(got.transcript()).isZero();
    JsonNode assertions = JSON.readTree(got.stdout());
    assertThat(assertions.size()).isEqualTo(1);
    JsonNode assertion = assertions.get(0);
    assertThat(assertion.get("credentialId").asText())
        .isEqualTo(credential.get("credentialId").asText());
    assertThat(assertion.get("verification").get("verified").asBoolean()).as(got.stdout()).isTrue();
    assertThat(assertion.get("signCount").asLong())
        .isGreaterThan(credential.get("signCount").asLong());
    verifyWithFido2Assert(assertion, publicKey, "es256", List.of());

    // A public key that is not the credential's: --verify must fail the command.
    ChildProcesses.Result other =
        ChildProcesses.runKeydesk(
            device, "make-credential", "--rp", RP_ID, "--user", "bob", "--json");
    assertThat(other.exit()).as(other.transcript()).isZero();
    ChildProcesses.Result mismatch =
        ChildProcesses.runKeydesk(
            device,
            "get-assertion",
            "--rp",
            RP_ID,
            "--allow",
            credential.get("credentialId").asText(),
            "--public-key",
            JSON.readTree(other.stdout()).get("publicKey").asText(),
            "--verify");
    assertThat(mismatch.exit()).as(mismatch.transcript()).isEqualTo(1);
    assertThat(mismatch.stderr().lines().toList())
        .as(mismatch.transcript())
        .containsExactly(
            "Touch your security key...",
            "keydesk: Verification failed: assertion signature NOT verified: it does not verify"
                + " with the ES256 key given");
  }

  @Test
  void discoverableCredentialWithPinAndUvOverHidraw() throws Exception {
    ChildProcesses.Result set =
        ChildProcesses.runKeydesk(device, List.of(PIN), "pin", "set", "--pin-stdin");
    assertThat(set.exit()).as(set.transcript()).isZero();
    ChildProcesses.Result made =
        ChildProcesses.runKeydesk(
            device,
            List.of(PIN),
            "make-credential",
            "--rp",
            RP_ID,
            "--user",
            "carol",
            "--rk",
            "--uv",
            "--pin-stdin",
            "--alg",
            "EdDSA",
            "--client-data-hash",
            CLIENT_DATA_HASH,
            "--verify",
            "--json");
    assertThat(made.exit()).as(made.transcript()).isZero();
    JsonNode credential = JSON.readTree(made.stdout());
    assertThat(credential.get("flags").get("uv").asBoolean()).isTrue();
    assertThat(credential.get("verification").get("verified").asBoolean())
        .as(made.stdout())
        .isTrue();
    Path publicKey = verifyWithFido2Cred(credential, List.of("-v"));

    ChildProcesses.Result got =
        ChildProcesses.runKeydesk(
            device,
            List.of(PIN),
            "get-assertion",
            "--rp",
            RP_ID,
            "--uv",
            "--pin-stdin",
            "--public-key",
            credential.get("publicKey").asText(),
            "--client-data-hash",
            CLIENT_DATA_HASH,
            "--verify",
            "--json");
    assertThat(got.exit()).as(got.transcript()).isZero();
    JsonNode assertion = JSON.readTree(got.stdout()).get(0);
    assertThat(assertion.get("user").get("id").asText())
        .isEqualTo(Bytes.of("carol".getBytes(StandardCharsets.UTF_8)).base64Url());
    assertThat(assertion.get("flags").get("uv").asBoolean()).isTrue();
    assertThat(assertion.get("verification").get("verified").asBoolean()).as(got.stdout()).isTrue();
    verifyWithFido2Assert(assertion, publicKey, "eddsa", List.of("-v"));
  }

  /**
   * fido2-cred -V on what {@code make-credential --json} printed: libfido2 checks the packed
   * attestation signature over authData and clientDataHash with the batch certificate. Returns the
   * credential public key as a PEM file.
   */
  private Path verifyWithFido2Cred(JsonNode credential, List<String> flags) throws Exception {
    CborMap attestation =
        Cbor.decodeMap(Bytes.fromBase64Url(credential.get("attestationObject").asText()).toArray());
    CborMap statement = attestation.getMap("attStmt");
    Bytes authData = Bytes.fromBase64Url(credential.get("authData").asText());
    List<Object> x5c = statement.getList("x5c");
    Path in =
        Files.write(
            work.resolve("cred.in"),
            List.of(
                base64(Bytes.fromHex(credential.get("clientDataHash").asText())),
                credential.get("rpId").asText(),
                credential.get("fmt").asText(),
                Base64.getEncoder().encodeToString(Cbor.encode(authData)),
                base64(Bytes.fromBase64Url(credential.get("credentialId").asText())),
                base64(statement.getBytes("sig")),
                base64((Bytes) x5c.get(0))));
    Path out = work.resolve("cred.verified");
    List<String> argv = new ArrayList<>(List.of("fido2-cred", "-V"));
    argv.addAll(flags);
    argv.addAll(List.of("-i", in.toString(), "-o", out.toString(), credentialType(credential)));
    ChildProcesses.Result check =
        ChildProcesses.runTool(device, List.of(), argv.toArray(String[]::new));
    assertThat(check.exit()).as(check.transcript()).isZero();
    assertThat(statement.getLong("alg")).as("signed by the ES256 batch key").isEqualTo(-7L);
    List<String> verified = Files.readAllLines(out);
    assertThat(verified.get(0))
        .isEqualTo(base64(Bytes.fromBase64Url(credential.get("credentialId").asText())));
    Path pem = work.resolve("cred.pem");
    Files.write(pem, verified.subList(1, verified.size()));
    return pem;
  }

  /** fido2-assert -V on what {@code get-assertion --json} printed, with the PEM public key. */
  private void verifyWithFido2Assert(
      JsonNode assertion, Path publicKey, String type, List<String> flags) throws Exception {
    Path in =
        Files.write(
            work.resolve("assert.in"),
            List.of(
                base64(Bytes.fromHex(assertion.get("clientDataHash").asText())),
                assertion.get("rpId").asText(),
                Base64.getEncoder()
                    .encodeToString(
                        Cbor.encode(Bytes.fromBase64Url(assertion.get("authData").asText()))),
                base64(Bytes.fromBase64Url(assertion.get("signature").asText()))));
    List<String> argv = new ArrayList<>(List.of("fido2-assert", "-V"));
    argv.addAll(flags);
    argv.addAll(List.of("-i", in.toString(), publicKey.toString(), type));
    ChildProcesses.Result check =
        ChildProcesses.runTool(device, List.of(), argv.toArray(String[]::new));
    assertThat(check.exit()).as(check.transcript()).isZero();
  }

  /** fido2-cred's name for the credential's algorithm, from the COSE public key (3 = alg). */
  private static String credentialType(JsonNode credential) throws Exception {
    CborMap coseKey =
        Cbor.decodeMap(Bytes.fromBase64Url(credential.get("publicKey").asText()).toArray());
    return coseKey.getLong(3L) == -8 ? "eddsa" : "es256";
  }

  private static String base64(Bytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.toArray());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
