package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path dir;

  private static DataDirectory.Environment env(
      String os, Map<String, String> variables, Map<String, String> properties) {
    return new DataDirectory.Environment(os, "/home/ann", variables::get, properties::get);
  }

  @Test
  void linuxUsesXdgDataHome() {
    assertThat(
            DataDirectory.resolve(
                Optional.empty(), env("Linux", Map.of("XDG_DATA_HOME", "/data/ann"), Map.of())))
        .isEqualTo(Path.of("/data/ann/keydesk"));
  }

  @Test
  void linuxFallsBackToLocalShareWhenXdgIsUnsetBlankOrRelative() {
    Path expected = Path.of("/home/ann/.local/share/keydesk");
    assertThat(DataDirectory.resolve(Optional.empty(), env("Linux", Map.of(), Map.of())))
        .isEqualTo(expected);
    assertThat(
            DataDirectory.resolve(
                Optional.empty(), env("Linux", Map.of("XDG_DATA_HOME", " "), Map.of())))
        .isEqualTo(expected);
    assertThat(
            DataDirectory.resolve(
                Optional.empty(), env("FreeBSD", Map.of("XDG_DATA_HOME", "rel/dir"), Map.of())))
        .isEqualTo(expected);
  }

  @Test
  void windowsUsesAppData() {
    String appData = "C:\\Users\\ann\\AppData\\Roaming";
    assertThat(
            DataDirectory.resolve(
                Optional.empty(), env("Windows 11", Map.of("APPDATA", appData), Map.of())))
        .isEqualTo(Path.of(appData).resolve("KeyDesk"));
    assertThat(DataDirectory.resolve(Optional.empty(), env("Windows 10", Map.of(), Map.of())))
        .isEqualTo(Path.of("/home/ann/AppData/Roaming/KeyDesk"));
  }

  @Test
  void macUsesApplicationSupport() {
    assertThat(DataDirectory.resolve(Optional.empty(), env("Mac OS X", Map.of(), Map.of())))
        .isEqualTo(Path.of("/home/ann/Library/Application Support/KeyDesk"));
  }

  @Test
  void explicitBeatsPropertyBeatsEnvironmentBeatsDefault() {
    Map<String, String> variables = Map.of(DataDirectory.ENV_VAR, "/from/env");
    Map<String, String> properties = Map.of(DataDirectory.PROPERTY, "/from/property");
    assertThat(
            DataDirectory.resolve(
                Optional.of(Path.of("/explicit")), env("Linux", variables, properties)))
        .isEqualTo(Path.of("/explicit"));
    assertThat(DataDirectory.resolve(Optional.empty(), env("Linux", variables, properties)))
        .isEqualTo(Path.of("/from/property"));
    assertThat(DataDirectory.resolve(Optional.empty(), env("Linux", variables, Map.of())))
        .isEqualTo(Path.of("/from/env"));
  }

  @Test
  void aRelativeOverrideIsMadeAbsolute() {
    Path resolved =
        DataDirectory.resolve(Optional.of(Path.of("rel")), env("Linux", Map.of(), Map.of()));
    assertThat(resolved).isAbsolute().isEqualTo(Path.of("rel").toAbsolutePath());
  }

  @Test
  void ensureExistsCreatesAnOwnerOnlyDirectoryAndLeavesAnExistingOneAlone() throws Exception {
    Path created = DataDirectory.ensureExists(dir.resolve("a").resolve("keydesk"));
    assertThat(created).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
        .isEqualTo("rwx------");

    Path existing = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));
    DataDirectory.ensureExists(existing);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void aFileInTheWayIsReported() throws Exception {
    Path file = Files.writeString(dir.resolve("keydesk"), "not a directory");
    assertThatThrownBy(() -> DataDirectory.ensureExists(file))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "The KeyDesk data directory "
                + file
                + " exists but is not a directory. Move it away or choose another directory with"
                + " --data-dir or KEYDESK_DATA_DIR.");
  }
}
