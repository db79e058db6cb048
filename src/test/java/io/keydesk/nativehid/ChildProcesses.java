package io.keydesk.nativehid;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the processes of the native HID tests: Java mains and tools under the preload. */
final class ChildProcesses {
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

  /** A tool's own deadline, inside {@link #RUN_TIMEOUT} so that its transcript is reported. */
  static final Duration TOOL_TIMEOUT = Duration.ofSeconds(45);

  /** What a finished child process did. */
  record Result(int exit, String stdout, String stderr, String transcript) {}

  private ChildProcesses() {}

  /** The test class path (surefire puts the real one in this property). */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static List<String> javaMain(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** A Java main from the test class path, run so that it sees {@code device}. */
  static JsonLineProcess preloadedJava(
      FakeHidrawDevice device, String name, Class<?> main, String... args) throws IOException {
    return JsonLineProcess.start(
        name, javaMain(main.getName(), List.of(args)), device.preloadEnv());
  }

  /** Starts {@code keydesk ARGS} so that it sees the fake key and no UDP simulator. */
  static JsonLineProcess startKeydesk(FakeHidrawDevice device, String... args) throws IOException {
    Map<String, String> env = new HashMap<>(device.preloadEnv());
    env.put("KEYDESK_SIMULATORS", ""); // USB only: the key must be found through hidraw
    return JsonLineProcess.start(
        "keydesk " + String.join(" ", args), javaMain("io.keydesk.Main", List.of(args)), env);
  }

  static Result runKeydesk(FakeHidrawDevice device, String... args)
      throws IOException, InterruptedException {
    return runKeydesk(device, List.of(), args);
  }

  /** Runs {@code keydesk ARGS} with {@code stdinLines} (PINs for --pin-stdin) as its input. */
  static Result runKeydesk(FakeHidrawDevice device, List<String> stdinLines, String... args)
      throws IOException, InterruptedException {
    try (JsonLineProcess cli = startKeydesk(device, args)) {
      for (String line : stdinLines) {
        cli.send(line);
      }
      cli.closeInput();
      return finish(cli);
    }
  }

  /**
   * Runs a native tool (fido2-token...) under the preload with a private controlling terminal
   * ({@code src/test/python/tty_answer.py}): {@code answers} are typed there, one after each
   * prompt, the way libfido2's tools read PINs (readpassphrase(3) opens /dev/tty). The tool cannot
   * reach the terminal of whoever started the build, nor take the fake key's pty as its terminal.
   * It gets /dev/null as stdin; the prompts are copied to its stderr as "tty| " lines.
   */
  static Result runTool(FakeHidrawDevice device, List<String> answers, String... argv)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                NativeHidEnvironment.PYTHON,
                NativeHidEnvironment.scripts().resolve("tty_answer.py").toString(),
                "--timeout",
                Long.toString(TOOL_TIMEOUT.toSeconds()),
                "--"));
    command.addAll(List.of(argv));
    try (JsonLineProcess tool = JsonLineProcess.start(argv[0], command, device.preloadEnv())) {
      for (String answer : answers) {
        tool.send(answer);
      }
      tool.closeInput();
      return finish(tool);
    }
  }

  private static Result finish(JsonLineProcess process) throws InterruptedException {
    int exit = process.awaitExit(RUN_TIMEOUT);
    return new Result(exit, process.stdout(), process.stderr(), process.transcript());
  }

  /** The throwaway CTAPHID responder used to check the harness itself. */
  static JsonLineProcess ctaphidStub() throws IOException {
    return JsonLineProcess.start(
        "ctaphid_stub",
        List.of(
            NativeHidEnvironment.PYTHON,
            NativeHidEnvironment.scripts().resolve("ctaphid_stub.py").toString()),
        Map.of());
  }
}
