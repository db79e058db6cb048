package io.keydesk.ctap2;

import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Objects;
import java.util.Optional;

/**
 * PublicKeyCredentialRpEntity as CTAP sends it (CTAP 2.1 section 6.1, WebAuthn section 5.4.2):
 * {@code {"id": text, "name"?: text}}.
 */
public record RpEntity(String id, Optional<String> name) {
  public static final String ID = "id";
  public static final String NAME = "name";

  public RpEntity {
    Objects.requireNonNull(id, "rp id");
    Objects.requireNonNull(name, "rp name");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("the RP ID is empty");
    }
  }

  public RpEntity(String id, String name) {
    this(id, Optional.of(name));
  }

  public static RpEntity of(String id) {
    return new RpEntity(id, Optional.empty());
  }

  public CborMap toCbor() {
    return CborMap.builder().put(ID, id).putIfPresent(NAME, name).build();
  }

  public static RpEntity fromCbor(CborMap map) throws CborException {
    String id = map.getString(ID);
    Optional<String> name = map.optString(NAME);
    return CtapCbor.build("rp", () -> new RpEntity(id, name));
  }
}
