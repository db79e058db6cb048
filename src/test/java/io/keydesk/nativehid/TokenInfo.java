package io.keydesk.nativehid;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fido2-token -I} printed, one "name: value" line each (libfido2's names: aaguid,
 * options, pin retries...).
 */
record TokenInfo(Map<String, String> fields, String text) {
  /** Runs {@code fido2-token -I} on the fake key. */
  static TokenInfo read(FakeHidrawDevice device) throws Exception {
    ChildProcesses.Result info =
        ChildProcesses.runTool(device, List.of(), "fido2-token", "-I", device.devnode());
    if (info.exit() != 0) {
      throw new AssertionError("fido2-token -I failed: " + info.transcript());
    }
    return parse(info.stdout());
  }

  static TokenInfo parse(String stdout) {
    Map<String, String> fields = new LinkedHashMap<>();
    stdout
        .lines()
        .forEach(
            line -> {
              int colon = line.indexOf(": ");
              if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
              }
            });
    return new TokenInfo(Map.copyOf(fields), stdout);
  }

  /** One field; fails with everything the tool printed when it is missing. */
  String get(String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new AssertionError("fido2-token -I printed no '" + name + "' line:\n" + text);
    }
    return value;
  }

  /** A comma-separated field, such as options: [rk, up, noplat, clientPin]. */
  List<String> list(String name) {
    return Arrays.asList(get(name).split(",\\s*"));
  }
}
