package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.UserEntity;
import java.util.Optional;

/** A credential getAssertion may use: its ID, sealed material, and user when discoverable. */
record AssertionCandidate(Bytes id, CredentialMaterial material, Optional<UserEntity> user) {}
