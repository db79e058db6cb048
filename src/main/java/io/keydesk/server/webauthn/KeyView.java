package io.keydesk.server.webauthn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A security key as the API lists it (docs/rp-api.md "SecurityKey"). */
public record KeyView(
    String id,
    String credentialId,
    String name,
    Instant created,
    Optional<Instant> lastUsed,
    String aaguid,
    List<String> transports,
    long signCount,
    boolean backupEligible,
    boolean backupState,
    boolean possiblyCloned,
    boolean lastKey) {
  public KeyView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lastUsed, "lastUsed");
    transports = List.copyOf(transports);
  }
}
