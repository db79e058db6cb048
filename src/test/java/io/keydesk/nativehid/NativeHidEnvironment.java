package io.keydesk.nativehid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Decides whether the native HID tests can run here and, when not, says exactly why: they run with
 * {@code mvn verify -Pnative-hid} (the profile sets {@value #ENABLE_PROPERTY}) on a Linux machine
 * with Debian's umockdev, its GObject bindings for /usr/bin/python3 and fido2-tools.
 */
final class NativeHidEnvironment {
  static final String ENABLE_PROPERTY = "keydesk.nativeHid";
  static final String PYTHON = "/usr/bin/python3";
  static final String PRELOAD = "libumockdev-preload.so.0";
  static final String PACKAGES = "umockdev libumockdev0 gir1.2-umockdev-1.0 python3-gi fido2-tools";
  private static final List<String> LIBRARY_DIRS =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib");

  private static final Optional<String> SKIP_REASON = computeSkipReason();

  private NativeHidEnvironment() {}

  /** Empty when the tests can run; otherwise the reason, with what to run or install. */
  static Optional<String> skipReason() {
    return SKIP_REASON;
  }

  /** The directory holding fake_hidraw.py and its helpers. */
  static Path scripts() {
    return Path.of(System.getProperty("keydesk.basedir", System.getProperty("user.dir")))
        .resolve("src/test/python");
  }

  private static Optional<String> computeSkipReason() {
    if (!Boolean.getBoolean(ENABLE_PROPERTY)) {
      return Optional.of(
          "native HID tests (hid4java/hidapi on a umockdev hidraw device, libfido2 interop) run"
              + " only with: mvn verify -Pnative-hid");
    }
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("native HID tests need Linux (hidraw + umockdev)");
    }
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(Path.of(PYTHON)) || !run(PYTHON, "-c", GI_PROBE)) {
      missing.add("python3-gi + gir1.2-umockdev-1.0 (for " + PYTHON + ")");
    }
    if (LIBRARY_DIRS.stream().noneMatch(dir -> Files.exists(Path.of(dir, PRELOAD)))) {
      missing.add("libumockdev0 (" + PRELOAD + ")");
    }
    if (onPath("fido2-token").isEmpty()) {
      missing.add("fido2-tools (fido2-token, fido2-cred, fido2-assert)");
    }
    if (!missing.isEmpty()) {
      return Optional.of(
          "native HID tests skipped, missing: "
              + String.join(", ", missing)
              + ". Install with: apt-get install "
              + PACKAGES);
    }
    return Optional.empty();
  }

  private static final String GI_PROBE =
      "import gi; gi.require_version('UMockdev', '1.0'); from gi.repository import UMockdev";

  static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":"))
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static boolean run(String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
