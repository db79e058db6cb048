package io.keydesk.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The cache file was damaged when KeyDesk opened it, so it was moved aside and an empty cache was
 * built in its place. The CLI and GUI show {@link #message()} once.
 *
 * @param damagedFile where the cache was (and the new, empty one now is)
 * @param movedTo where the damaged file was moved (its -wal/-shm files beside it, same suffix)
 * @param reason what was wrong, in SQLite's words
 * @param at when it was moved aside
 */
public record RebuildNotice(Path damagedFile, Path movedTo, String reason, Instant at) {

  /** What to tell the user: what happened, where the file is, and what was lost. */
  public String message() {
    return "The local cache at "
        + damagedFile
        + " was damaged ("
        + reason
        + "); it was moved to "
        + movedTo
        + " and rebuilt. Your accounts must be added again; nothing on your security keys or at"
        + " the services was affected.";
  }
}
