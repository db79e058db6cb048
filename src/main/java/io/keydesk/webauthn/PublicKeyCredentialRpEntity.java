package io.keydesk.webauthn;

import java.util.Optional;

/**
 * WebAuthn L3 §5.4.2 PublicKeyCredentialRpEntity. A missing {@code id} means the caller origin's
 * host (see {@link RpIdPolicy}).
 */
public record PublicKeyCredentialRpEntity(Optional<String> id, String name) {
  public PublicKeyCredentialRpEntity {
    id = Members.optional(id);
    Members.required(name, "rp.name");
  }
}
