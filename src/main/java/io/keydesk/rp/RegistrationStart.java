package io.keydesk.rp;

import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import java.time.Instant;

/** {@code POST /api/v1/security-keys/registrations}: the options for the key, to finish by then. */
public record RegistrationStart(
    String registrationId, Instant expiresAt, PublicKeyCredentialCreationOptionsJSON publicKey) {}
