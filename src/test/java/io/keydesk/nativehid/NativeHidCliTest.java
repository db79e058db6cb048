package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KeyDesk's own CLI and {@code Hid4javaConnection} on the real native path: the CLI runs as a child
 * process under the umockdev preload and finds the fake USB key, behind which KeyDesk's software
 * authenticator ({@code keydesk simulator}) answers over UDP.
 */
@RequiresNativeHid
class NativeHidCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    device.mute();
    try (JsonLineProcess cli = ChildProcesses.startKeydesk(device, "ping", "--size", "1000")) {
      device.awaitDroppedReport(); // the CLI is now waiting for the key's answer
      device.unplug();
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
}
