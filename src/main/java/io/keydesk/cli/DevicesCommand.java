package io.keydesk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.DeviceDiscovery;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keydesk devices}: the FIDO devices present, USB first, then UDP simulators. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = {
      "List the FIDO security keys present (USB) and the UDP simulators that answer.",
      "Use the index or the ID with --device."
    })
final class DevicesCommand implements Callable<Integer> {
  private static final String[] HEADER = {
    "#", "ID", "VID:PID", "MANUFACTURER", "PRODUCT", "TRANSPORT"
  };

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DeviceDiscovery discovery = DeviceChoice.discovery();
    List<DeviceDescriptor> devices = discovery.list();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(devices));
    } else if (devices.isEmpty()) {
      out.println(
          "No security keys found. Insert one, or start a simulator with 'keydesk simulator'.");
    } else {
      printTable(out, devices);
    }
    discovery
        .usbUnavailableReason()
        .ifPresent(reason -> spec.commandLine().getErr().println("keydesk: note: " + reason));
    out.flush();
    return KeyDeskCommand.EXIT_OK;
  }

  static String toJson(List<DeviceDescriptor> devices) throws JsonProcessingException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      DeviceDescriptor d = devices.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", i);
      row.put("id", d.id());
      row.put("vendorId", String.format("%04x", d.vendorId()));
      row.put("productId", String.format("%04x", d.productId()));
      row.put("manufacturer", d.manufacturer());
      row.put("product", d.product());
      row.put("transport", d.transport().label());
      row.put("serial", d.serial().orElse(null));
      rows.add(row);
    }
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows);
  }

  private static void printTable(PrintWriter out, List<DeviceDescriptor> devices) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (int i = 0; i < devices.size(); i++) {
      DeviceDescriptor d = devices.get(i);
      rows.add(
          new String[] {
            Integer.toString(i),
            d.id(),
            d.vendorProduct(),
            d.manufacturer(),
            d.product(),
            d.transport().label()
          });
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
