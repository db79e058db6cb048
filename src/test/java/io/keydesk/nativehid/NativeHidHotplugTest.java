package io.keydesk.nativehid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KeyDesk's hotplug events ({@code DeviceDiscovery} on hid4java's scanner) on the real native path:
 * the fake key is pulled out and plugged in again while a child process watches.
 */
@RequiresNativeHid
class NativeHidHotplugTest {
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

  private SoftwareKey key;

  @BeforeEach
  void start() throws Exception {
    key = SoftwareKey.start();
  }

  @AfterEach
  void stop() {
    if (key != null) {
      key.close();
    }
  }

  private static boolean is(JsonNode node, String change) {
    return change.equals(node.path("hotplug").asText());
  }

  @Test
  void removeAndAddEventsArriveAndTheNewNodeWorks() throws Exception {
    FakeHidrawDevice device = key.device();
    try (JsonLineProcess watch =
        ChildProcesses.preloadedJava(device, "discovery-watch", DiscoveryWatchProbe.class)) {
      JsonNode present = watch.await(node -> is(node, "added"), EVENT_TIMEOUT);
      assertThat(present.get("id").asText()).isEqualTo("/dev/hidraw0");
      assertThat(present.get("vendorProduct").asText()).isEqualTo("1209:0001");

      device.unplug();
      JsonNode removed = watch.await(node -> is(node, "removed"), EVENT_TIMEOUT);
      assertThat(removed.get("id").asText()).isEqualTo("/dev/hidraw0");

      device.plug();
      JsonNode added = watch.await(node -> is(node, "added"), EVENT_TIMEOUT);
      assertThat(added.get("id").asText()).isEqualTo("/dev/hidraw1");
      assertThat(added.get("product").asText()).isEqualTo(FakeHidrawDevice.PRODUCT);

      ChildProcesses.Result ping = ChildProcesses.runKeydesk(device, "ping", "--size", "200");
      assertThat(ping.exit()).as(ping.transcript()).isZero();
      assertThat(ping.stdout()).contains("Ping /dev/hidraw1: 200 bytes echoed");

      watch.closeInput();
      assertThat(watch.awaitExit(EVENT_TIMEOUT)).as(watch.transcript()).isZero();
    }
  }
}
