package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.UserEntity;
import java.util.Objects;

/**
 * A discoverable (resident) credential as the {@link CredentialStore} keeps it: its ID (a wrapped
 * ID like any other), RP ID, user, creation sequence number (getAssertion lists the most recent
 * first, CTAP 2.1 section 6.2.2 step 10) and the sealed material in clear, so the store alone can
 * sign even after the ID is lost.
 */
public record DiscoverableCredential(
    Bytes id, String rpId, UserEntity user, long created, CredentialMaterial material) {
  static final String ID = "id";
  static final String RP_ID = "rpId";
  static final String USER = "user";
  static final String CREATED = "created";
  static final String ALG = "alg";
  static final String PRIVATE_KEY = "privateKey";
  static final String CRED_PROTECT = "credProtect";
  static final String HMAC_SECRET = "hmacSecret";

  public DiscoverableCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(material, "material");
  }

  CborMap toCbor() {
    return CborMap.builder()
        .put(ID, id)
        .put(RP_ID, rpId)
        .put(USER, user.toCbor())
        .put(CREATED, created)
        .put(ALG, material.key().algorithm())
        .put(PRIVATE_KEY, material.key().privateKey())
        .put(CRED_PROTECT, (long) material.credProtect().level())
        .put(HMAC_SECRET, material.hmacSecret())
        .build();
  }

  static DiscoverableCredential fromCbor(CborMap map) throws CborException {
    try {
      CredProtect credProtect =
          CredProtect.of(map.getLong(CRED_PROTECT))
              .orElseThrow(() -> new CborException("unknown credProtect level"));
      CredentialMaterial material =
          new CredentialMaterial(
              new CredentialKey(map.getLong(ALG), map.getBytes(PRIVATE_KEY)),
              credProtect,
              true,
              map.getBoolean(HMAC_SECRET));
      return new DiscoverableCredential(
          map.getBytes(ID),
          map.getString(RP_ID),
          UserEntity.fromCbor(map.getMap(USER)),
          map.getLong(CREATED),
          material);
    } catch (IllegalArgumentException e) {
      throw new CborException("discoverable credential: " + e.getMessage());
    }
  }
}
