package io.keydesk.server.webauthn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A started ceremony: its id (send it back with the response), the WebAuthn L3 options JSON
 * (PublicKeyCredentialCreationOptionsJSON or ...RequestOptionsJSON) and when it expires.
 */
public record CeremonyStart(String id, ObjectNode publicKey, Instant expiresAt) {
  public CeremonyStart {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
