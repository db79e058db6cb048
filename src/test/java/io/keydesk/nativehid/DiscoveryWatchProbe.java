package io.keydesk.nativehid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.DeviceDiscovery;
import io.keydesk.hid.DeviceListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child-process probe of KeyDesk's own hotplug path: {@link DeviceDiscovery} (USB only) under the
 * umockdev preload prints one JSON line per added or removed device until stdin closes.
 */
public final class DiscoveryWatchProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DiscoveryWatchProbe() {}

  public static void main(String[] args) throws IOException {
    try (DeviceDiscovery discovery = DeviceDiscovery.withSimulators(List.of())) {
      discovery.addListener(
          new DeviceListener() {
            @Override
            public void deviceAdded(DeviceDescriptor device) {
              emit("added", device);
            }

            @Override
            public void deviceRemoved(DeviceDescriptor device) {
              emit("removed", device);
            }
          });
      print(Map.of("watching", true));
      while (System.in.read() >= 0) {
        // the parent closes stdin to end the watch
      }
    }
    System.exit(0);
  }

  private static void emit(String change, DeviceDescriptor device) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hotplug", change);
    out.put("id", device.id());
    out.put("vendorProduct", device.vendorProduct());
    out.put("product", device.product());
    print(out);
  }

  private static synchronized void print(Map<String, ?> fields) {
    try {
      System.out.println(JSON.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    System.out.flush();
  }
}
