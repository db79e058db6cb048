package io.keydesk.mds;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a verified FIDO MDS3 metadata BLOB payload KeyDesk keeps (FIDO Metadata Service 3.0,
 * section 3.1.6, MetadataBLOBPayload).
 *
 * @param number the BLOB's serial number {@code no}: a newer BLOB has a larger one
 * @param nextUpdate the date by which the FIDO Alliance publishes the next BLOB; KeyDesk uses this
 *     one through that day (UTC) and not after
 * @param legalHeader the BLOB's legal notice, when present
 * @param models one model per FIDO2 entry (entries with an {@code aaguid})
 */
public record MdsBlob(
    long number,
    LocalDate nextUpdate,
    Optional<String> legalHeader,
    List<AuthenticatorModel> models) {
  public MdsBlob {
    Objects.requireNonNull(nextUpdate, "nextUpdate");
    Objects.requireNonNull(legalHeader, "legalHeader");
    models = List.copyOf(models);
    if (number < 0) {
      throw new IllegalArgumentException("a BLOB serial number is not negative");
    }
  }

  /** True once {@code nextUpdate} has passed (UTC). */
  public boolean isExpired(Clock clock) {
    return today(clock).isAfter(nextUpdate);
  }

  static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
