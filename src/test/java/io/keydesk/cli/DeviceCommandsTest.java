package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.hid.UdpCtapHidPeer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * devices, wink and ping against loopback CTAPHID peers on ephemeral ports; the default simulator
 * address is never probed (the simulator list comes from the keydesk.simulators property).
 */
class DeviceCommandsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private record Result(int exit, String out, String err) {}

  private Result run(String simulators, String... args) {
    System.setProperty(DeviceChoice.SIMULATORS_PROPERTY, simulators);
    CommandLine cli = KeyDeskCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @AfterEach
  void clearProperty() {
    System.clearProperty(DeviceChoice.SIMULATORS_PROPERTY);
  }

  @Test
  void devicesOnAMachineWithoutKeys() {
    Result result = run("", "devices");
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "No security keys found. Insert one, or start a simulator with 'keydesk"
                + " simulator'.\n");
  }

  @Test
  void devicesJsonWithoutKeysIsAnEmptyArray() {
    Result result = run("", "devices", "--json");
    assertThat(result.exit()).isZero();
    assertThat(result.out().strip()).isEqualTo("[ ]");
  }

  @Test
  void devicesListsASimulatorAsTableAndJson() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer()) {
      String id = peer.endpoint().id();
      Result table = run(id, "devices");
      assertThat(table.exit()).isZero();
      String[] lines = table.out().split("\n");
      assertThat(lines[0]).matches("#\\s+ID\\s+VID:PID\\s+MANUFACTURER\\s+PRODUCT\\s+TRANSPORT");
      assertThat(lines[1])
          .matches(
              "0\\s+"
                  + id.replace(".", "\\.")
                  + "\\s+0000:0000\\s+CTAPHID simulator 1\\.2\\.3\\s+udp");

      out.getBuffer().setLength(0);
      Result json = run(id, "devices", "--json");
      JsonNode array = new ObjectMapper().readTree(json.out());
      assertThat(array).hasSize(1);
      JsonNode device = array.get(0);
      assertThat(device.get("index").asInt()).isZero();
      assertThat(device.get("id").asText()).isEqualTo(id);
      assertThat(device.get("vendorId").asText()).isEqualTo("0000");
      assertThat(device.get("productId").asText()).isEqualTo("0000");
      assertThat(device.get("manufacturer").asText()).isEmpty();
      assertThat(device.get("product").asText()).isEqualTo("CTAPHID simulator 1.2.3");
      assertThat(device.get("transport").asText()).isEqualTo("udp");
      assertThat(device.get("serial").isNull()).isTrue();
    }
  }

  @Test
  void winkUsesTheOnlyDevicePresent() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer()) {
      Result result = run(peer.endpoint().id(), "wink");
      assertThat(result.err()).isEmpty();
      assertThat(result.exit()).isZero();
      assertThat(result.out())
          .isEqualTo("Winked " + peer.endpoint().id() + ": it should blink now.\n");
      assertThat(peer.winks()).isEqualTo(1);
    }
  }

  @Test
  void pingByExplicitUdpDeviceChecksTheEcho() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer()) {
      String id = peer.endpoint().id();
      Result result = run("", "--device", id, "ping", "--size", "1000");
      assertThat(result.err()).isEmpty();
      assertThat(result.exit()).isZero();
      assertThat(result.out())
          .matches("Ping " + id.replace(".", "\\.") + ": 1000 bytes echoed in \\d+\\.\\d\\d ms\n");
    }
  }

  @Test
  void theDeviceOptionAlsoWorksAfterTheSubcommandAndByIndex() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer()) {
      assertThat(run(peer.endpoint().id(), "ping", "--device", "0", "--size", "0").exit()).isZero();
    }
  }

  @Test
  void noDeviceIsExitOneWithAdvice() {
    Result result = run("", "wink");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "keydesk: No security key found. Insert one, or start a simulator with 'keydesk"
                + " simulator' (it listens on udp:127.0.0.1:8111), then try again.\n");
  }

  @Test
  void severalDevicesWithoutAChoiceIsAUsageError() throws Exception {
    try (UdpCtapHidPeer a = new UdpCtapHidPeer();
        UdpCtapHidPeer b = new UdpCtapHidPeer()) {
      Result result = run(a.endpoint().id() + "," + b.endpoint().id(), "wink");
      assertThat(result.exit()).isEqualTo(2);
      assertThat(result.err())
          .isEqualTo(
              "keydesk: Several security keys are present; choose one with --device INDEX or"
                  + " --device ID: 0 "
                  + a.endpoint().id()
                  + " (CTAPHID simulator 1.2.3), 1 "
                  + b.endpoint().id()
                  + " (CTAPHID simulator 1.2.3).\n");
      assertThat(a.winks() + b.winks()).isZero();
    }
  }

  @Test
  void anUnknownIndexOrIdIsExitOne() throws Exception {
    try (UdpCtapHidPeer peer = new UdpCtapHidPeer()) {
      Result byIndex = run(peer.endpoint().id(), "--device", "3", "wink");
      assertThat(byIndex.exit()).isEqualTo(1);
      assertThat(byIndex.err())
          .isEqualTo(
              "keydesk: There is no device number 3; 'keydesk devices' lists 0 "
                  + peer.endpoint().id()
                  + " (CTAPHID simulator 1.2.3).\n");
      err.getBuffer().setLength(0);
      Result byId = run(peer.endpoint().id(), "--device", "/dev/hidraw9", "wink");
      assertThat(byId.exit()).isEqualTo(1);
      assertThat(byId.err())
          .isEqualTo(
              "keydesk: No security key at '/dev/hidraw9'; run 'keydesk devices' to see the keys"
                  + " present.\n");
    }
  }

  @Test
  void aPingSizeOutOfRangeIsAUsageError() {
    Result result = run("", "--device", "udp:127.0.0.1:9/0", "ping", "--size", "7610");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("keydesk: --size must be 0 to 7609 bytes, got 7610\n");
  }

  @Test
  void aMalformedUdpDeviceIsAUsageError() {
    Result result = run("", "--device", "udp:nowhere", "wink");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "keydesk: 'udp:nowhere' is not a UDP device; write udp:HOST:PORT, e.g."
                + " udp:127.0.0.1:8111\n");
  }

  @Test
  void everyDeviceCommandHasHelp() {
    for (String command : new String[] {"devices", "wink", "ping"}) {
      out.getBuffer().setLength(0);
      Result result = run("", command, "--help");
      assertThat(result.exit()).isZero();
      assertThat(result.out()).startsWith("Usage: keydesk " + command);
    }
  }
}
