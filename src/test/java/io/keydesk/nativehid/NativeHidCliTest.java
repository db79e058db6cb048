package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KeyDesk's own CLI and {@code Hid4javaConnection} on the real native path: the CLI runs as a
 * child process under the umockdev preload and finds the fake USB key, behind which KeyDesk's
 * software authenticator ({@code keydesk simulator}) answers over UDP.
 */
@RequiresNativeHid
class NativeHidCliTest {
  static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeHidrawDevice device;
  private SimulatorProcess simulator;

  record CliResult(int exit, String stdout, String stderr, String transcript) {}

  static void assumeLanded(String className, String branch) {
    boolean present;
    try {
      Class.forName(className, false, NativeHidCliTest.class.getClassLoader());
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    assumeTrue(
        present, "waiting for " + className + " (branch '" + branch + "') to land on main");
  }

  @BeforeEach
  void start() throws Exception {
    assumeLanded("io.keydesk.hid.Hid4javaConnection", "hid");
    assumeLanded("io.keydesk.cli.SimulatorCommand", "simauth");
    device = FakeHidrawDevice.start(Optional.empty());
    simulator = SimulatorProcess.start(device.localPort());
    device.target(simulator.port());
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
    if (device != null) {
      device.close();
    }
  }

  /** Starts {@code keydesk ARGS} so that it sees the fake key and no UDP simulator. */
  static JsonLineProcess startCli(FakeHidrawDevice device, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ChildProcesses.javaBinary());
    command.add("-cp");
    command.add(ChildProcesses.classPath());
    command.add("io.keydesk.Main");
    command.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(device.preloadEnv());
    env.put("KEYDESK_SIMULATORS", ""); // USB only: the key must be found through hidraw
    return JsonLineProcess.start("keydesk " + String.join(" ", args), command, env);
  }

  static CliResult runCli(FakeHidrawDevice device, String... args) throws Exception {
    try (JsonLineProcess cli = startCli(device, args)) {
      int exit = cli.awaitExit(CLI_TIMEOUT);
      return new CliResult(exit, cli.stdout(), cli.stderr(), cli.transcript());
    }
  }

  @Test
  void devicesFindsTheKeyWithItsUsbIdentity() throws Exception {
    CliResult result = runCli(device, "devices", "--json");
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
    CliResult result = runCli(device, "wink");
    assertThat(result.exit()).as(result.transcript()).isZero();
    assertThat(result.stdout()).contains("Winked").contains("/dev/hidraw0");
    assertThat(simulator.awaitLine("Wink.", CLI_TIMEOUT)).isEqualTo("Wink.");
  }

  @Test
  void pingOf1000BytesCrossesTheNativePathReportForReport() throws Exception {
    CliResult result = runCli(device, "ping", "--size", "1000");
    assertThat(result.exit()).as(result.transcript()).isZero();
    assertThat(result.stdout()).containsPattern("Ping /dev/hidraw0: 1000 bytes echoed in [0-9.]+ ms");
    JsonNode stats = device.stats();
    assertThat(stats.get("bad_writes").asInt()).isZero();
    assertThat(stats.get("bad_datagrams").asInt()).isZero();
    // INIT, then the 1000-byte PING in 17 reports, each way.
    assertThat(stats.get("host_reports").asInt()).isEqualTo(18);
    assertThat(stats.get("device_reports").asInt()).isEqualTo(18);
  }

  @Test
  void keyPulledOutMidOperationGivesACleanErrorAndNoHang() throws Exception {
    device.mute();
    try (JsonLineProcess cli = startCli(device, "ping", "--size", "1000")) {
      device.awaitDroppedReport(); // the CLI is now waiting for the key's answer
      device.unplug();
      int exit = cli.awaitExit(CLI_TIMEOUT);
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
}
