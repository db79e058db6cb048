package io.keydesk.mds;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a FIDO MDS3 BLOB the user downloaded: verify it, refuse one older than the BLOB already
 * imported (a smaller serial number {@code no}, FIDO Metadata Service 3.0 section 3.2), then cache
 * its entries.
 */
public final class MdsImporter {
  /** Larger files are not BLOBs (the real one is a few MB). */
  public static final long MAX_BLOB_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(MdsImporter.class);

  private final MdsBlobVerifier verifier;
  private final MdsCache cache;

  public MdsImporter(MdsBlobVerifier verifier, MdsCache cache) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** The production importer: FIDO Alliance BLOBs, cached in {@code dataDirectory}. */
  public static MdsImporter fidoAlliance(Path dataDirectory, Clock clock) {
    return new MdsImporter(MdsBlobVerifier.fidoAlliance(clock), new MdsCache(dataDirectory));
  }

  /**
   * Reads, verifies and caches the BLOB file.
   *
   * @throws MdsException when the file is unreadable, invalid, expired or older than the cache
   */
  public MdsBlob importFile(Path file) {
    try {
      if (Files.size(file) > MAX_BLOB_BYTES) {
        throw new MdsException(
            file
                + " is larger than "
                + MAX_BLOB_BYTES / (1024 * 1024)
                + " MB: not a FIDO metadata"
                + " BLOB. Download the BLOB from "
                + MdsBlobVerifier.DOWNLOAD_URL
                + ".");
      }
      return importBlob(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (CharacterCodingException e) {
      throw new MdsException(
          file
              + " is not a FIDO metadata BLOB: a BLOB is a JWT, plain ASCII text. Download the BLOB"
              + " from "
              + MdsBlobVerifier.DOWNLOAD_URL
              + " and import that file.",
          e);
    } catch (NoSuchFileException e) {
      throw new MdsException("No such file: " + file + ". Give the path of the downloaded BLOB.");
    } catch (IOException e) {
      throw new MdsException("Cannot read " + file + " (" + e.getMessage() + ").", e);
    }
  }

  /** Verifies and caches a BLOB given as its compact JWT text. */
  public MdsBlob importBlob(String compactJwt) {
    MdsBlob blob = verifier.verify(compactJwt);
    cached()
        .filter(previous -> blob.number() < previous.number())
        .ifPresent(
            previous -> {
              throw new MdsException(
                  "This metadata BLOB (number "
                      + blob.number()
                      + ") is older than the one already imported (number "
                      + previous.number()
                      + ", valid until "
                      + previous.nextUpdate()
                      + "); KeyDesk keeps the newer one. Download the current BLOB from "
                      + MdsBlobVerifier.DOWNLOAD_URL
                      + " if you need a fresh copy.");
            });
    cache.write(blob);
    LOG.info(
        "Imported FIDO MDS BLOB no {} with {} FIDO2 models, valid until {}",
        blob.number(),
        blob.models().size(),
        blob.nextUpdate());
    return blob;
  }

  private Optional<MdsBlob> cached() {
    try {
      return cache.read();
    } catch (MdsException e) {
      LOG.warn("Replacing an unreadable FIDO metadata cache: {}", e.getMessage());
      return Optional.empty();
    }
  }
}
