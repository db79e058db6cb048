package io.keydesk.app.desktop;

import io.keydesk.authenticator.AuthenticatorState;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Model names for a few AAGUIDs, until the FIDO Metadata Service (io.keydesk.mds) is wired in:
 * KeyDesk's own software authenticator and common YubiKey 5 series AAGUIDs.
 */
public final class KnownModels {
  private static final Map<UUID, String> MODELS =
      Map.of(
          AuthenticatorState.KEYDESK_AAGUID_UUID, "KeyDesk virtual key",
          UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8"), "YubiKey 5 Series",
          UUID.fromString("ee882879-721c-4913-9775-3dfcce97072a"), "YubiKey 5 Series with NFC",
          UUID.fromString("149a2021-8ef6-4133-96b8-81f8d5b7f1f5"), "Security Key by Yubico with NFC");

  private KnownModels() {}

  /** The model name for {@code aaguid}, when known (WebAuthn L3 §6.5.1 AAGUID). */
  public static Optional<String> name(UUID aaguid) {
    return Optional.ofNullable(MODELS.get(aaguid));
  }
}
