package io.keydesk.server.store;

import io.keydesk.cbor.Bytes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered security key (WebAuthn L3 §7.1 step 27 "credential record"): credential id, COSE
 * public key, sign count, transports, backup flags, plus our id, name, times and clone warning.
 */
public record StoredCredential(
    String id,
    long userId,
    Bytes credentialId,
    Bytes publicKeyCose,
    String name,
    Instant createdAt,
    Optional<Instant> lastUsedAt,
    Bytes aaguid,
    List<String> transports,
    long signCount,
    boolean backupEligible,
    boolean backupState,
    boolean possiblyCloned) {
  public static final int MAX_NAME_LENGTH = 100;

  public StoredCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(publicKeyCose, "publicKeyCose");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(aaguid, "aaguid");
    transports = List.copyOf(transports);
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("name must be 1 to 100 characters");
    }
  }
}
