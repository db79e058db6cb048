package io.keydesk.server.webauthn;

import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import io.keydesk.cbor.Bytes;
import java.util.Objects;

/** A started registration, bound to the user and the session that asked for it. */
record PendingRegistration(
    long userId,
    Bytes sessionTokenHash,
    AttestationConveyancePreference attestation,
    PublicKeyCredentialCreationOptions request) {
  PendingRegistration {
    Objects.requireNonNull(sessionTokenHash, "sessionTokenHash");
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(request, "request");
  }
}
