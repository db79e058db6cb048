package io.keydesk.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where KeyDesk keeps its per-user files (the SQLite cache). In order of precedence:
 *
 * <ol>
 *   <li>an explicit path (the CLI's {@code --data-dir});
 *   <li>the system property {@value #PROPERTY};
 *   <li>the environment variable {@value #ENV_VAR};
 *   <li>the platform default: {@code $XDG_DATA_HOME/keydesk} or {@code ~/.local/share/keydesk} on
 *       Linux and other Unix (XDG Base Directory spec), {@code %APPDATA%\KeyDesk} on Windows,
 *       {@code ~/Library/Application Support/KeyDesk} on macOS.
 * </ol>
 */
public final class DataDirectory {
  public static final String ENV_VAR = "KEYDESK_DATA_DIR";
  public static final String PROPERTY = "keydesk.data.dir";

  /** The cache database's file name inside the data directory. */
  public static final String DATABASE_FILE_NAME = "keydesk.db";

  static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  /**
   * What the resolution depends on, so tests can play any platform.
   *
   * @param osName the {@code os.name} system property
   * @param userHome the {@code user.home} system property
   * @param environment looks up an environment variable (null when unset)
   * @param properties looks up a system property (null when unset)
   */
  record Environment(
      String osName,
      String userHome,
      UnaryOperator<String> environment,
      UnaryOperator<String> properties) {
    static Environment current() {
      return new Environment(
          System.getProperty("os.name", ""),
          System.getProperty("user.home", ""),
          System::getenv,
          System::getProperty);
    }
  }

  private DataDirectory() {}

  /** The data directory for this user, without creating it. */
  public static Path resolve(Optional<Path> explicit) {
    return resolve(explicit, Environment.current());
  }

  static Path resolve(Optional<Path> explicit, Environment env) {
    if (explicit.isPresent()) {
      return explicit.get().toAbsolutePath();
    }
    Optional<String> property = nonBlank(env.properties().apply(PROPERTY));
    if (property.isPresent()) {
      return Path.of(property.get()).toAbsolutePath();
    }
    Optional<String> variable = nonBlank(env.environment().apply(ENV_VAR));
    if (variable.isPresent()) {
      return Path.of(variable.get()).toAbsolutePath();
    }
    return platformDefault(env);
  }

  private static Path platformDefault(Environment env) {
    String os = env.osName().toLowerCase(Locale.ROOT);
    Path home = Path.of(env.userHome());
    if (os.startsWith("windows")) {
      return nonBlank(env.environment().apply("APPDATA"))
          .map(Path::of)
          .orElse(home.resolve("AppData").resolve("Roaming"))
          .resolve("KeyDesk");
    }
    if (os.startsWith("mac")) {
      return home.resolve("Library").resolve("Application Support").resolve("KeyDesk");
    }
    // XDG Base Directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
    return nonBlank(env.environment().apply("XDG_DATA_HOME"))
        .map(Path::of)
        .filter(Path::isAbsolute)
        .orElse(home.resolve(".local").resolve("share"))
        .resolve("keydesk");
  }

  /**
   * Creates the directory (and missing parents) if needed, owner-only ({@code rwx------}) where the
   * file system is POSIX. An existing directory's permissions are left as the user set them.
   *
   * @return {@code dir}
   * @throws StoreException if it cannot be created or is not a directory
   */
  public static Path ensureExists(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      if (isPosix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectories(dir);
      }
      return dir;
    } catch (FileAlreadyExistsException e) {
      throw new StoreException(
          StoreException.Kind.IO,
          "The KeyDesk data directory "
              + dir
              + " exists but is not a directory. Move it away or choose another directory with"
              + " --data-dir or "
              + ENV_VAR
              + ".",
          e);
    } catch (IOException | SecurityException e) {
      throw new StoreException(
          StoreException.Kind.IO,
          "Cannot create the KeyDesk data directory "
              + dir
              + " ("
              + e.getMessage()
              + "). Check its permissions or choose another directory with --data-dir or "
              + ENV_VAR
              + ".",
          e);
    }
  }

  static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}
