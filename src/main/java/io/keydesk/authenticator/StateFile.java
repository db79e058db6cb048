package io.keydesk.authenticator;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The software authenticator's persistent state: a versioned CBOR map in one file, replaced
 * atomically (temporary file in the same directory, fsync, rename, fsync of the directory) so a
 * crash leaves either the old or the new state. A damaged or unreadable file is refused with a
 * message that names it; it is never silently replaced, since that would lose credentials.
 *
 * <p>Format version 1: {@code {"version": 1, "aaguid": bstr(16), "deviceSecret": bstr(32)}}.
 * Version 2 adds {@code "ctap2": map} (the CTAP2 handler's credentials, PIN and counters) and is
 * written only when that member is present, so a KeyDesk that knows only version 1 refuses such a
 * file instead of rewriting it without the credentials. A file from a newer version is refused.
 */
public final class StateFile {
  private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

  public static final int FORMAT_VERSION = 2;

  /** The version of a file without CTAP2 state. */
  static final int IDENTITY_ONLY_VERSION = 1;

  static final String KEY_VERSION = "version";
  static final String KEY_AAGUID = "aaguid";
  static final String KEY_DEVICE_SECRET = "deviceSecret";
  static final String KEY_CTAP2 = "ctap2";

  /** State files are tiny; anything larger is not ours. */
  private static final long MAX_SIZE = 16L * 1024 * 1024;

  private final Path path;

  public StateFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  public Path path() {
    return path;
  }

  /**
   * Reads the state.
   *
   * @return empty when the file does not exist
   * @throws StateFileException when it exists but cannot be read or is damaged
   */
  public Optional<AuthenticatorState> load() throws StateFileException {
    byte[] data;
    try {
      if (Files.exists(path) && Files.size(path) > MAX_SIZE) {
        throw damaged("it is larger than " + MAX_SIZE + " bytes", null);
      }
      data = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateFileException(
          "Cannot read the authenticator state file "
              + path
              + " ("
              + describe(e)
              + "); check its permissions, or move it aside to start with a new identity.",
          e);
    }
    return Optional.of(decode(data));
  }

  /** Loads the state, or creates {@code fresh} and saves it when the file does not exist. */
  public AuthenticatorState loadOrCreate(Supplier<AuthenticatorState> fresh)
      throws StateFileException {
    Optional<AuthenticatorState> existing = load();
    if (existing.isPresent()) {
      return existing.get();
    }
    AuthenticatorState created = fresh.get();
    save(created);
    LOG.info("Created a new authenticator state file {}", path);
    return created;
  }

  /** Replaces the file atomically with {@code state}. */
  public void save(AuthenticatorState state) throws StateFileException {
    byte[] data = encode(state);
    Path directory = path.getParent();
    Path temp = null;
    try {
      Files.createDirectories(directory);
      temp = Files.createTempFile(directory, path.getFileName() + ".", ".tmp");
      restrictToOwner(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      syncDirectory(directory);
    } catch (IOException e) {
      throw new StateFileException(
          "Cannot write the authenticator state file "
              + path
              + " ("
              + describe(e)
              + "); check that its directory is writable and the disk is not full.",
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("Could not remove the temporary file {}", temp, e);
        }
      }
    }
  }

  static byte[] encode(AuthenticatorState state) {
    return Cbor.encode(
        CborMap.builder()
            .put(
                KEY_VERSION,
                (long) (state.ctap2().isPresent() ? FORMAT_VERSION : IDENTITY_ONLY_VERSION))
            .put(KEY_AAGUID, state.aaguid())
            .put(KEY_DEVICE_SECRET, state.deviceSecret())
            .putIfPresent(KEY_CTAP2, state.ctap2())
            .build());
  }

  private AuthenticatorState decode(byte[] data) throws StateFileException {
    CborMap map;
    try {
      map = Cbor.decodeMap(data);
    } catch (CborException e) {
      throw damaged("it is not a CBOR map: " + e.getMessage(), e);
    }
    try {
      long version = map.getLong(KEY_VERSION);
      if (version > FORMAT_VERSION) {
        throw new StateFileException(
            "The authenticator state file "
                + path
                + " has format version "
                + version
                + ", written by a newer KeyDesk; use that version, or move the file aside to"
                + " start with a new identity.");
      }
      if (version < 1) {
        throw damaged("its format version " + version + " is not valid", null);
      }
      Bytes aaguid = map.getBytes(KEY_AAGUID);
      Bytes secret = map.getBytes(KEY_DEVICE_SECRET);
      return new AuthenticatorState(aaguid, secret, map.optMap(KEY_CTAP2));
    } catch (CborException | IllegalArgumentException e) {
      throw damaged(e.getMessage(), e);
    }
  }

  private StateFileException damaged(String reason, Throwable cause) {
    return new StateFileException(
        "The authenticator state file "
            + path
            + " is damaged ("
            + reason
            + "). KeyDesk will not overwrite it: move it aside (rename it) to start with a new"
            + " identity, or restore it from a backup.",
        cause);
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      LOG.debug("Cannot restrict the permissions of {}", file, e);
    }
  }

  /** Makes the rename durable; not every platform can open a directory, so failures are logged. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot fsync the directory {}", directory, e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
