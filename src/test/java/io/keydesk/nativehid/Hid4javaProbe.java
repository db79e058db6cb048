package io.keydesk.nativehid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.HidConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hid4java.HidDevice;
import org.hid4java.HidManager;
import org.hid4java.HidServices;
import org.hid4java.HidServicesListener;
import org.hid4java.HidServicesSpecification;
import org.hid4java.ScanMode;
import org.hid4java.event.HidServicesEvent;

/**
 * A child-process probe of the real native path: hid4java and its bundled hidapi (hidraw backend),
 * run under the umockdev preload against the fake device of {@code fake_hidraw.py}. It uses
 * hid4java directly, not KeyDesk's transport, so the harness can be checked on its own.
 *
 * <p>Usage: {@code Hid4javaProbe MODE}; prints one JSON object per line on stdout:
 *
 * <ul>
 *   <li>{@code enumerate}: the FIDO devices hid4java sees (usage page, IDs, strings), and whether
 *       each one opens
 *   <li>{@code transact}: CTAPHID INIT, then a 1000-byte PING over 17 reports each way
 *   <li>{@code hangup}: INIT, then one read that is waiting when the parent unplugs the device; it
 *       must end with an error, not a hang
 *   <li>{@code watch}: hid4java's hotplug scanning; attach and detach events until stdin closes
 * </ul>
 */
public final class Hid4javaProbe {
  private static final int FIDO_USAGE_PAGE = 0xF1D0;

  /** Failure-only: a loaded machine may stall the bridge or the simulator for seconds. */
  private static final int READ_TIMEOUT_MS = 20_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Hid4javaProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length == 1 ? args[0] : "";
    switch (mode) {
      case "enumerate" -> enumerate();
      case "transact" -> withDevice(Hid4javaProbe::transact);
      case "hangup" -> withDevice(Hid4javaProbe::hangup);
      case "watch" -> watch();
      default -> {
        emit(Map.of("ok", false, "error", "usage: Hid4javaProbe enumerate|transact|hangup|watch"));
        System.exit(2);
      }
    }
    System.exit(0);
  }

  private interface DeviceAction {
    void run(HidDevice device) throws IOException;
  }

  private static HidServices services(boolean scan) {
    HidServicesSpecification spec = new HidServicesSpecification();
    spec.setAutoStart(false);
    spec.setAutoDataRead(false);
    spec.setScanMode(scan ? ScanMode.SCAN_AT_FIXED_INTERVAL : ScanMode.NO_SCAN);
    spec.setScanInterval(200);
    return HidManager.getHidServices(spec);
  }

  /** Pitfall 3: hid4java sign-extends the 16-bit usage page. */
  private static boolean isFido(HidDevice device) {
    return (device.getUsagePage() & 0xFFFF) == FIDO_USAGE_PAGE;
  }

  private static List<HidDevice> fidoDevices(HidServices services) {
    return services.getAttachedHidDevices().stream()
        .filter(Hid4javaProbe::isFido)
        .collect(Collectors.toList());
  }

  private static void enumerate() {
    HidServices services = services(false);
    for (HidDevice device : fidoDevices(services)) {
      Map<String, Object> out = describe(device);
      // hid_open_path needs HIDIOCGRDESCSIZE (pitfall 1). Strings come from enumeration: hid4java
      // 0.8.0 decodes hid_get_*_string of an open handle wrongly (only the first character).
      out.put("open", device.open());
      device.close();
      emit(out);
    }
    emit(Map.of("done", true));
    services.shutdown();
  }

  private static Map<String, Object> describe(HidDevice device) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", device.getPath());
    out.put("vendorId", device.getVendorId());
    out.put("productId", device.getProductId());
    out.put("usagePage", device.getUsagePage() & 0xFFFF);
    out.put("usage", device.getUsage());
    out.put("manufacturer", device.getManufacturer());
    out.put("product", device.getProduct());
    out.put("serial", device.getSerialNumber());
    out.put("interface", device.getInterfaceNumber());
    return out;
  }

  private static void withDevice(DeviceAction action) throws IOException {
    HidServices services = services(false);
    Optional<HidDevice> found = fidoDevices(services).stream().findFirst();
    if (found.isEmpty()) {
      emit(Map.of("ok", false, "error", "no FIDO device found"));
      System.exit(1);
    }
    HidDevice device = found.get();
    if (!device.open()) {
      emit(Map.of("ok", false, "error", "open failed: " + device.getLastErrorMessage()));
      System.exit(1);
    }
    try {
      action.run(device);
    } finally {
      device.close();
      services.shutdown();
    }
  }

  private static void transact(HidDevice device) throws IOException {
    int cid = init(device);
    byte[] payload = new byte[1000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31 + 7);
    }
    List<byte[]> sent = CtapHidFrames.fragment(cid, CtapHidCommand.PING, payload);
    for (byte[] report : sent) {
      write(device, report);
    }
    Reply reply = receive(device, cid);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "ok",
        reply.command() == CtapHidCommand.PING
            && Bytes.of(reply.payload()).equals(Bytes.of(payload)));
    out.put("cid", String.format("%08x", cid));
    out.put("reportsSent", sent.size());
    out.put("reportsReceived", reply.reports());
    out.put("echoLength", reply.payload().length);
    emit(out);
  }

  private static void hangup(HidDevice device) throws IOException {
    init(device);
    emit(Map.of("waiting", true));
    byte[] buffer = new byte[HidConnection.REPORT_SIZE];
    long start = System.nanoTime();
    int read = device.read(buffer, 10_000);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", read < 0);
    out.put("read", read);
    out.put("elapsedMs", elapsedMs);
    out.put("error", String.valueOf(device.getLastErrorMessage()));
    emit(out);
  }

  private static void watch() throws IOException {
    HidServices services = services(true);
    services.addHidServicesListener(
        new HidServicesListener() {
          @Override
          public void hidDeviceAttached(HidServicesEvent event) {
            report("attached", event);
          }

          @Override
          public void hidDeviceDetached(HidServicesEvent event) {
            report("detached", event);
          }

          @Override
          public void hidFailure(HidServicesEvent event) {
            report("failure", event);
          }

          @Override
          public void hidDataReceived(HidServicesEvent event) {}

          private void report(String kind, HidServicesEvent event) {
            if (isFido(event.getHidDevice())) {
              Map<String, Object> out = describe(event.getHidDevice());
              out.put("hotplug", kind);
              emit(out);
            }
          }
        });
    services.start();
    emit(Map.of("watching", true));
    while (System.in.read() >= 0) {
      // the parent closes stdin to end the watch
    }
    services.shutdown();
  }

  private static int init(HidDevice device) throws IOException {
    byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};
    write(
        device,
        CtapHidFrames.fragment(CtapHidCommand.BROADCAST_CID, CtapHidCommand.INIT, nonce).get(0));
    Reply reply = receive(device, CtapHidCommand.BROADCAST_CID);
    byte[] payload = reply.payload();
    if (reply.command() != CtapHidCommand.INIT || payload.length < 17) {
      throw new IOException("unexpected INIT reply: " + Bytes.of(payload).hex());
    }
    for (int i = 0; i < nonce.length; i++) {
      if (payload[i] != nonce[i]) {
        throw new IOException("INIT reply with another nonce: " + Bytes.of(payload).hex());
      }
    }
    return ByteBuffer.wrap(payload, 8, 4).getInt();
  }

  private static void write(HidDevice device, byte[] report) throws IOException {
    // Pitfall 4: hid4java sends the report ID 0x00 first, 65 bytes in all.
    int written = device.write(report, HidConnection.REPORT_SIZE, (byte) 0);
    if (written != HidConnection.REPORT_SIZE + 1) {
      throw new IOException("write returned " + written + ": " + device.getLastErrorMessage());
    }
  }

  private record Reply(int command, byte[] payload, int reports) {}

  private static Reply receive(HidDevice device, int cid) throws IOException {
    CtapHidFrames.Reassembly reassembly = null;
    int reports = 0;
    while (reassembly == null || !reassembly.isComplete()) {
      byte[] report = new byte[HidConnection.REPORT_SIZE];
      int read = device.read(report, READ_TIMEOUT_MS);
      if (read != HidConnection.REPORT_SIZE) {
        throw new IOException("read returned " + read + ": " + device.getLastErrorMessage());
      }
      reports++;
      if (CtapHidFrames.cid(report) != cid) {
        continue;
      }
      if (CtapHidFrames.isInit(report)) {
        reassembly = new CtapHidFrames.Reassembly(report, CtapHidFrames.MAX_MESSAGE);
      } else if (reassembly == null || !reassembly.accept(report)) {
        throw new IOException("out-of-sequence report " + Bytes.of(report).hex());
      }
    }
    return new Reply(reassembly.command(), reassembly.payload(), reports);
  }

  private static void emit(Map<String, ?> fields) {
    try {
      System.out.println(JSON.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    System.out.flush();
  }
}
