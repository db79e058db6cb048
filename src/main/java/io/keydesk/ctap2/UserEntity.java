package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Objects;
import java.util.Optional;

/**
 * PublicKeyCredentialUserEntity as CTAP sends it (CTAP 2.1 section 6.1, WebAuthn section 5.4.3):
 * {@code {"id": bytes(1..64), "name"?: text, "displayName"?: text}}. {@code icon} was removed from
 * WebAuthn Level 2 but CTAP 2.0 keys and the specification's examples still carry it, so it is read
 * and written when present.
 */
public record UserEntity(
    Bytes id, Optional<String> name, Optional<String> displayName, Optional<String> icon) {
  public static final String ID = "id";
  public static final String NAME = "name";
  public static final String DISPLAY_NAME = "displayName";
  public static final String ICON = "icon";

  /** WebAuthn section 5.4.3: a user handle is at most 64 bytes. */
  public static final int MAX_ID_LENGTH = 64;

  public UserEntity {
    Objects.requireNonNull(id, "user id");
    Objects.requireNonNull(name, "user name");
    Objects.requireNonNull(displayName, "user displayName");
    Objects.requireNonNull(icon, "user icon");
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "the user ID must be 1 to " + MAX_ID_LENGTH + " bytes but is " + id.length());
    }
  }

  public UserEntity(Bytes id, String name, String displayName) {
    this(id, Optional.of(name), Optional.of(displayName), Optional.empty());
  }

  /** A user known only by its handle, as getAssertion returns for non-discoverable flows. */
  public static UserEntity of(Bytes id) {
    return new UserEntity(id, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public CborMap toCbor() {
    return CborMap.builder()
        .put(ID, id)
        .putIfPresent(ICON, icon)
        .putIfPresent(NAME, name)
        .putIfPresent(DISPLAY_NAME, displayName)
        .build();
  }

  public static UserEntity fromCbor(CborMap map) throws CborException {
    Bytes id = map.getBytes(ID);
    Optional<String> name = map.optString(NAME);
    Optional<String> displayName = map.optString(DISPLAY_NAME);
    Optional<String> icon = map.optString(ICON);
    return CtapCbor.build("user", () -> new UserEntity(id, name, displayName, icon));
  }
}
