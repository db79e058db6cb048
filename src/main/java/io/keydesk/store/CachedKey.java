package io.keydesk.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One key (WebAuthn credential) registered at an account, as the RP last reported it.
 *
 * @param credentialId the RP's identifier for the credential (public)
 * @param name the nickname the user gave it
 * @param aaguid the authenticator model's AAGUID (WebAuthn L3 §6.5.1), when the RP knows it
 * @param transports WebAuthn AuthenticatorTransport values ("usb", "nfc", "hybrid"...), in order
 * @param signCount the last signature counter the RP saw (WebAuthn L3 §6.1.1)
 * @param backupEligible the BE flag (WebAuthn L3 §6.1)
 * @param backupState the BS flag (WebAuthn L3 §6.1)
 * @param possiblyCloned the RP saw the counter go backwards
 * @param isLast removing it would leave the account without a key
 * @param model the model name for the AAGUID (from metadata), when known
 */
public record CachedKey(
    String credentialId,
    String name,
    Optional<Instant> created,
    Optional<Instant> lastUsed,
    Optional<UUID> aaguid,
    List<String> transports,
    Optional<Long> signCount,
    Optional<Boolean> backupEligible,
    Optional<Boolean> backupState,
    boolean possiblyCloned,
    boolean isLast,
    Optional<String> model) {

  private static final Pattern TRANSPORT = Pattern.compile("[a-z0-9-]+");
  static final String TRANSPORT_SEPARATOR = ",";

  public CachedKey {
    SqlValues.requireText(credentialId, "credentialId");
    if (name == null) {
      throw new IllegalArgumentException("name must not be null (use an empty name)");
    }
    created = SqlValues.millis(created);
    lastUsed = SqlValues.millis(lastUsed);
    transports = List.copyOf(transports);
    for (String transport : transports) {
      if (!TRANSPORT.matcher(transport).matches()) {
        throw new IllegalArgumentException("not a WebAuthn transport name: '" + transport + "'");
      }
    }
    if (signCount.isPresent() && signCount.get() < 0) {
      throw new IllegalArgumentException("signCount must not be negative: " + signCount.get());
    }
  }

  /** A key with only an id and a name; the optional fields empty and both flags false. */
  public static CachedKey of(String credentialId, String name) {
    return new CachedKey(
        credentialId,
        name,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        Optional.empty());
  }
}
