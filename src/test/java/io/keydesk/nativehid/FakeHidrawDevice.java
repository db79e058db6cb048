package io.keydesk.nativehid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake USB FIDO hidraw device of {@code src/test/python/fake_hidraw.py}, bridged to a CTAPHID
 * endpoint over UDP. Child processes see it when started with {@link #preloadEnv()}.
 */
final class FakeHidrawDevice implements AutoCloseable {
  static final int VENDOR_ID = 0x1209;
  static final int PRODUCT_ID = 0x0001;
  static final String MANUFACTURER = "KeyDesk";
  static final String PRODUCT = "Software Authenticator (umockdev)";
  static final String SERIAL = "KD-UMOCKDEV-0001";
  static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

  private final JsonLineProcess process;
  private final JsonNode ready;

  private FakeHidrawDevice(JsonLineProcess process, JsonNode ready) {
    this.process = process;
    this.ready = ready;
  }

  /**
   * Starts the device in front of a CTAPHID endpoint.
   *
   * @param simulatorPort the UDP port of the device side (the simulator) on 127.0.0.1, or empty to
   *     give it later with {@link #target(int)}
   */
  static FakeHidrawDevice start(Optional<Integer> simulatorPort)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(NativeHidEnvironment.PYTHON);
    command.add(NativeHidEnvironment.scripts().resolve("fake_hidraw.py").toString());
    simulatorPort.ifPresent(
        port -> {
          command.add("--simulator");
          command.add("127.0.0.1:" + port);
        });
    JsonLineProcess process = JsonLineProcess.start("fake_hidraw", command, Map.of());
    try {
      JsonNode ready = process.awaitEvent("ready", EVENT_TIMEOUT);
      return new FakeHidrawDevice(process, ready);
    } catch (AssertionError | InterruptedException e) {
      process.close();
      throw e;
    }
  }

  /** The environment that makes a child process see the testbed instead of the real /sys, /dev. */
  Map<String, String> preloadEnv() {
    return Map.of(
        "LD_PRELOAD",
        NativeHidEnvironment.PRELOAD,
        "UMOCKDEV_DIR",
        ready.get("umockdev_dir").asText());
  }

  String devnode() {
    return ready.get("devnode").asText();
  }

  /** The UDP port the bridge sends from, where the simulator must answer. */
  int localPort() {
    return ready.get("local_port").asInt();
  }

  String umockdevDir() {
    return ready.get("umockdev_dir").asText();
  }

  void target(int simulatorPort) throws IOException, InterruptedException {
    command("target 127.0.0.1:" + simulatorPort, "target");
  }

  /** Closes the node (open handles see POLLHUP) and removes the device from sysfs. */
  JsonNode unplug() throws IOException, InterruptedException {
    return command("unplug", "unplugged");
  }

  /** Plugs the device in again, as a new hidraw node. */
  JsonNode plug() throws IOException, InterruptedException {
    return command("plug", "plugged");
  }

  /** From now on host reports are dropped (and announced), so the device looks stuck. */
  void mute() throws IOException, InterruptedException {
    command("mute", "muted");
  }

  /**
   * The next host report is dropped and the device unplugged right after that write, by the harness
   * itself: the key is pulled out while the host waits for its answer, however long this process
   * takes to notice.
   */
  void unplugOnNextWrite() throws IOException, InterruptedException {
    command("unplug-on-write", "unplug-armed");
  }

  /** Waits until the host has written a report that was dropped (muted, or unplug on write). */
  JsonNode awaitDroppedReport() throws InterruptedException {
    return process.awaitEvent("dropped", EVENT_TIMEOUT);
  }

  /** Waits until the device has been unplugged (after {@link #unplugOnNextWrite()}). */
  JsonNode awaitUnplugged() throws InterruptedException {
    return process.awaitEvent("unplugged", EVENT_TIMEOUT);
  }

  JsonNode stats() throws IOException, InterruptedException {
    return command("stats", "stats");
  }

  private JsonNode command(String line, String event) throws IOException, InterruptedException {
    process.send(line);
    return process.awaitEvent(event, EVENT_TIMEOUT);
  }

  String transcript() {
    return process.transcript();
  }

  @Override
  public void close() {
    process.close();
  }
}
