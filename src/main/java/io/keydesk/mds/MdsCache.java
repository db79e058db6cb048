package io.keydesk.mds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verified MDS3 entries KeyDesk keeps between runs: the file {@value #FILE_NAME} in the data
 * directory, holding only what lookups need (not the 5 MB BLOB), written atomically. It holds no
 * secret. Whoever can write the data directory can change it; KeyDesk verifies a BLOB when it is
 * imported, not every time it reads the cache.
 */
public final class MdsCache {
  /** The cache's file name inside the data directory. */
  public static final String FILE_NAME = "fido-mds.json";

  private static final int FORMAT = 1;

  private final Path file;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param directory KeyDesk's data directory (it is created when the cache is first written)
   */
  public MdsCache(Path directory) {
    this.file = Objects.requireNonNull(directory, "directory").resolve(FILE_NAME);
  }

  /** The cache file. */
  public Path file() {
    return file;
  }

  /**
   * The cached BLOB, whether or not it has expired.
   *
   * @return empty when nothing was imported yet
   * @throws MdsException when the file exists but cannot be read
   */
  public Optional<MdsBlob> read() {
    JsonNode root;
    try {
      root = json.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(e.getMessage(), e);
    }
    try {
      if (root == null || root.path("format").asInt() != FORMAT) {
        throw unreadable("unknown format", null);
      }
      List<AuthenticatorModel> models = new ArrayList<>();
      for (JsonNode m : root.path("models")) {
        models.add(
            new AuthenticatorModel(
                Aaguids.parse(m.path("aaguid").asText()),
                m.path("name").asText(),
                Optional.empty(),
                text(m, "icon"),
                text(m, "certification"),
                text(m, "status"),
                AuthenticatorModel.Source.MDS));
      }
      return Optional.of(
          new MdsBlob(
              root.path("no").asLong(-1),
              LocalDate.parse(root.path("nextUpdate").asText()),
              text(root, "legalHeader"),
              models));
    } catch (RuntimeException e) {
      if (e instanceof MdsException mds) {
        throw mds;
      }
      throw unreadable(e.getMessage(), e);
    }
  }

  /** Replaces the cache with this BLOB's entries (atomically where the file system can). */
  public void write(MdsBlob blob) {
    ObjectNode root = json.createObjectNode();
    root.put("format", FORMAT);
    root.put("no", blob.number());
    root.put("nextUpdate", blob.nextUpdate().toString());
    blob.legalHeader().ifPresent(l -> root.put("legalHeader", l));
    ArrayNode models = root.putArray("models");
    for (AuthenticatorModel model : blob.models()) {
      ObjectNode m = models.addObject();
      m.put("aaguid", model.aaguid().toString());
      m.put("name", model.name());
      model.icon().ifPresent(i -> m.put("icon", i));
      model.certification().ifPresent(c -> m.put("certification", c));
      model.status().ifPresent(s -> m.put("status", s));
    }
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
      try {
        json.writeValue(temporary.toFile(), root);
        try {
          Files.move(
              temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new MdsException(
          "Cannot write the FIDO metadata cache "
              + file
              + " ("
              + e.getMessage()
              + "). Check the data directory's permissions or choose another with --data-dir.",
          e);
    }
  }

  private MdsException unreadable(String why, Throwable cause) {
    return new MdsException(
        "The FIDO metadata cache "
            + file
            + " is unreadable ("
            + why
            + "). Import the BLOB again with 'keydesk mds import FILE'.",
        cause);
  }

  private static Optional<String> text(JsonNode node, String member) {
    return Optional.ofNullable(node.path(member).textValue());
  }
}
