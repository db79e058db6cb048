package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, on the real native path: hid4java 0.8.0 and its bundled hidapi (hidraw
 * backend) under the umockdev preload, talking to the fake device bridged to a throwaway CTAPHID
 * stub. Independent of KeyDesk's own transport, so a failure here is the harness's, not KeyDesk's.
 */
@RequiresNativeHid
class NativeHidHarnessTest {
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

  private JsonLineProcess stub;
  private FakeHidrawDevice device;

  @BeforeEach
  void startDevice() throws Exception {
    stub = ChildProcesses.ctaphidStub();
    int stubPort = stub.awaitEvent("ready", FakeHidrawDevice.EVENT_TIMEOUT).get("port").asInt();
    device = FakeHidrawDevice.start(Optional.of(stubPort));
  }

  @AfterEach
  void stop() {
    if (device != null) {
      device.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  private JsonLineProcess probe(String mode) throws Exception {
    return ChildProcesses.preloadedJava(device, "probe-" + mode, Hid4javaProbe.class, mode);
  }

  @Test
  void hid4javaEnumeratesTheFidoDeviceWithItsIdentity() throws Exception {
    try (JsonLineProcess probe = probe("enumerate")) {
      JsonNode found = probe.await(node -> node.has("path"), CHILD_TIMEOUT);
      assertThat(found.get("path").asText()).isEqualTo("/dev/hidraw0");
      assertThat(found.get("usagePage").asInt()).isEqualTo(0xF1D0);
      assertThat(found.get("usage").asInt()).isEqualTo(1);
      assertThat(found.get("vendorId").asInt()).isEqualTo(FakeHidrawDevice.VENDOR_ID);
      assertThat(found.get("productId").asInt()).isEqualTo(FakeHidrawDevice.PRODUCT_ID);
      assertThat(found.get("manufacturer").asText()).isEqualTo(FakeHidrawDevice.MANUFACTURER);
      assertThat(found.get("product").asText()).isEqualTo(FakeHidrawDevice.PRODUCT);
      assertThat(found.get("serial").asText()).isEqualTo(FakeHidrawDevice.SERIAL);
      assertThat(found.get("open").asBoolean()).as(probe.transcript()).isTrue();
      probe.await(node -> node.has("done"), CHILD_TIMEOUT);
      assertThat(probe.awaitExit(CHILD_TIMEOUT)).isZero();
    }
  }

  @Test
  void hid4javaCompletesInitAndAMultiReportPing() throws Exception {
    try (JsonLineProcess probe = probe("transact")) {
      JsonNode result = probe.await(node -> node.has("ok"), CHILD_TIMEOUT);
      assertThat(result.get("ok").asBoolean()).as(probe.transcript()).isTrue();
      assertThat(result.get("reportsSent").asInt()).isEqualTo(17);
      assertThat(result.get("reportsReceived").asInt()).isEqualTo(17);
      assertThat(result.get("echoLength").asInt()).isEqualTo(1000);
      assertThat(probe.awaitExit(CHILD_TIMEOUT)).isZero();
    }
    JsonNode stats = device.stats();
    assertThat(stats.get("host_reports").asInt()).isEqualTo(18); // INIT + 17
    assertThat(stats.get("device_reports").asInt()).isEqualTo(18);
    assertThat(stats.get("bad_writes").asInt()).isZero();
  }

  @Test
  void unplugDuringAReadEndsTheReadWithAnErrorInsteadOfItsTimeout() throws Exception {
    try (JsonLineProcess probe = probe("hangup")) {
      probe.await(node -> node.has("waiting"), CHILD_TIMEOUT);
      device.unplug();
      JsonNode result = probe.await(node -> node.has("ok"), CHILD_TIMEOUT);
      assertThat(result.get("ok").asBoolean()).as(probe.transcript()).isTrue();
      assertThat(result.get("read").asInt()).isEqualTo(-1);
      // The read waits up to 10 s; ending sooner means the hangup, not the timeout, ended it.
      assertThat(result.get("elapsedMs").asLong()).isLessThan(10_000);
      assertThat(probe.awaitExit(CHILD_TIMEOUT)).isZero();
    }
  }

  @Test
  void hid4javaHotplugScanSeesRemoveAndAdd() throws Exception {
    try (JsonLineProcess probe = probe("watch")) {
      // hid4java's first scan reports the device already present as attached.
      JsonNode first =
          probe.await(node -> "attached".equals(node.path("hotplug").asText()), CHILD_TIMEOUT);
      assertThat(first.get("path").asText()).isEqualTo("/dev/hidraw0");

      device.unplug();
      JsonNode gone =
          probe.await(node -> "detached".equals(node.path("hotplug").asText()), CHILD_TIMEOUT);
      assertThat(gone.get("path").asText()).isEqualTo("/dev/hidraw0");

      assertThat(device.plug().get("devnode").asText()).isEqualTo("/dev/hidraw1");
      JsonNode back =
          probe.await(node -> "attached".equals(node.path("hotplug").asText()), CHILD_TIMEOUT);
      assertThat(back.get("path").asText()).isEqualTo("/dev/hidraw1");
      assertThat(back.get("vendorId").asInt()).isEqualTo(FakeHidrawDevice.VENDOR_ID);

      probe.closeInput();
      assertThat(probe.awaitExit(CHILD_TIMEOUT)).isZero();
    }
  }
}
