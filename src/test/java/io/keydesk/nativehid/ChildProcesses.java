package io.keydesk.nativehid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the processes of the native HID tests: Java mains under the preload, Python helpers. */
final class ChildProcesses {
  private ChildProcesses() {}

  /** The test class path (surefire puts the real one in this property). */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A Java main from the test class path, run so that it sees {@code device}. */
  static JsonLineProcess preloadedJava(
      FakeHidrawDevice device, String name, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-cp");
    command.add(classPath());
    command.add(main.getName());
    command.addAll(List.of(args));
    return JsonLineProcess.start(name, command, device.preloadEnv());
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
