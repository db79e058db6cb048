package io.keydesk.nativehid;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KeyDesk's software authenticator as a child process ({@code keydesk simulator}) on ephemeral
 * loopback ports, replying to the fake device's bridge port.
 */
final class SimulatorProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile(
          "on udp:127\\.0\\.0\\.1:(\\d+) \\(host 127\\.0\\.0\\.1:(\\d+)\\), AAGUID ([0-9a-f-]{36})");

  private final JsonLineProcess process;
  private final int port;
  private final String aaguid;

  private SimulatorProcess(JsonLineProcess process, int port, String aaguid) {
    this.process = process;
    this.port = port;
    this.aaguid = aaguid;
  }

  /** Starts it answering to {@code hostPort}; {@code extraArgs} such as --presence deny. */
  static SimulatorProcess start(int hostPort, String... extraArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ChildProcesses.javaBinary());
    command.add("-cp");
    command.add(ChildProcesses.classPath());
    command.add("io.keydesk.Main");
    command.add("simulator");
    command.add("--port");
    command.add("0");
    command.add("--host-port");
    command.add(Integer.toString(hostPort));
    command.addAll(List.of(extraArgs));
    JsonLineProcess process = JsonLineProcess.start("simulator", command, Map.of());
    try {
      String line = process.awaitLine(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(60));
      Matcher matcher = LISTENING.matcher(line);
      matcher.find();
      return new SimulatorProcess(process, Integer.parseInt(matcher.group(1)), matcher.group(3));
    } catch (AssertionError | InterruptedException e) {
      process.close();
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** The authenticator's AAGUID as 32 lower-case hex digits. */
  String aaguidHex() {
    return aaguid.replace("-", "");
  }

  /** Waits for the simulator to print a line such as "Wink.". */
  String awaitLine(String text, Duration timeout) throws InterruptedException {
    return process.awaitLine(line -> line.contains(text), timeout);
  }

  String transcript() {
    return process.transcript();
  }

  @Override
  public void close() {
    process.terminate();
  }
}
