package io.keydesk.rp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A security key registered at the account (docs/rp-api.md {@code SecurityKey}).
 *
 * @param id the RP's id for the key, used in URLs
 * @param credentialId the WebAuthn credential ID, base64url
 */
public record SecurityKey(
    String id,
    String credentialId,
    String name,
    Instant created,
    Optional<Instant> lastUsed,
    Optional<UUID> aaguid,
    List<String> transports,
    long signCount,
    boolean backupEligible,
    boolean backupState,
    boolean possiblyCloned,
    boolean lastKey) {
  public SecurityKey {
    transports = List.copyOf(transports);
  }

  static SecurityKey from(JsonNode node) {
    Optional<UUID> aaguid;
    try {
      aaguid = JsonFields.optionalText(node, "aaguid").map(UUID::fromString);
    } catch (IllegalArgumentException e) {
      throw JsonFields.malformed("aaguid", "a UUID");
    }
    return new SecurityKey(
        JsonFields.text(node, "id"),
        JsonFields.text(node, "credentialId"),
        JsonFields.text(node, "name"),
        JsonFields.instant(node, "created"),
        JsonFields.optionalInstant(node, "lastUsed"),
        aaguid,
        JsonFields.texts(node, "transports"),
        JsonFields.optionalNumber(node, "signCount").orElse(0L),
        node.path("backupEligible").asBoolean(false),
        node.path("backupState").asBoolean(false),
        node.path("possiblyCloned").asBoolean(false),
        node.path("lastKey").asBoolean(false));
  }
}
