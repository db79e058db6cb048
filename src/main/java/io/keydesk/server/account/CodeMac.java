package io.keydesk.server.account;

import io.keydesk.cbor.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HMAC-SHA-256 (RFC 2104) under a server secret key, for the short codes the RP stores: emailed sudo
 * codes and backup codes. Six digits are a million guesses from a plain SHA-256; a keyed MAC is
 * worthless without the key, which lives outside the database ({@code DIR/code-mac.key}, 32 random
 * bytes, mode 600, made on first start like the TLS key). Each MAC binds a purpose and the user id,
 * so equal codes of two users or two purposes never share a stored value.
 */
public final class CodeMac {
  public static final String KEY_FILE = "code-mac.key";
  public static final int KEY_BYTES = 32;
  private static final Logger LOG = LoggerFactory.getLogger(CodeMac.class);
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public CodeMac(Bytes key) {
    if (key.length() != KEY_BYTES) {
      throw new IllegalArgumentException("The code key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.toArray(), ALGORITHM);
  }

  /** Reads {@code dir/code-mac.key}, creating it (owner-only) with a random key on first start. */
  public static CodeMac loadOrCreate(Path dir) {
    Path file = dir.resolve(KEY_FILE);
    try {
      Files.createDirectories(dir);
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != KEY_BYTES) {
        throw new IllegalStateException(
            file + " holds " + bytes.length + " bytes, not " + KEY_BYTES + ". Restore it from a"
                + " backup, or delete it (emailed and backup codes issued so far stop working).");
      }
      return new CodeMac(Bytes.of(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the code key " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] key = Secrets.randomBytes(KEY_BYTES).toArray();
    FileAttribute<?>[] ownerOnly = {};
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      ownerOnly =
          new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
          };
    } else {
      LOG.warn("Cannot restrict permissions of {} on this file system", file);
    }
    try {
      Files.createFile(file, ownerOnly);
    } catch (FileAlreadyExistsException raced) {
      return; // another process made it first; use theirs
    }
    Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING);
    LOG.info("Created the code key {}", file);
  }

  /** HMAC-SHA-256 of {@code purpose 0x00 userId 0x00 code}. */
  public Bytes mac(String purpose, long userId, String code) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      String message = purpose + '\0' + userId + '\0' + code;
      return Bytes.of(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA-256 is unavailable in this JVM", e);
    }
  }

  /** Whether {@code stored} is the MAC of {@code code}, compared in constant time. */
  public boolean matches(Bytes stored, String purpose, long userId, String code) {
    return MessageDigest.isEqual(stored.toArray(), mac(purpose, userId, code).toArray());
  }
}
