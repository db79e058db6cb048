package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.List;
import java.util.Objects;

/**
 * PublicKeyCredentialDescriptor (CTAP 2.1 section 6.1/6.2, WebAuthn section 5.8.3): {@code {"id":
 * bytes, "type": text, "transports"?: [text]}}, used in allowList, excludeList and the credential
 * of a getAssertion response. {@code transports} is empty when absent.
 */
public record PublicKeyCredentialDescriptor(String type, Bytes id, List<String> transports) {
  public static final String TYPE = "type";
  public static final String ID = "id";
  public static final String TRANSPORTS = "transports";
  public static final String PUBLIC_KEY = "public-key";

  public PublicKeyCredentialDescriptor {
    Objects.requireNonNull(type, "credential type");
    Objects.requireNonNull(id, "credential id");
    transports = List.copyOf(transports);
  }

  /** A "public-key" descriptor without transports. */
  public static PublicKeyCredentialDescriptor publicKey(Bytes id) {
    return new PublicKeyCredentialDescriptor(PUBLIC_KEY, id, List.of());
  }

  public CborMap toCbor() {
    CborMap.Builder builder = CborMap.builder().put(ID, id).put(TYPE, type);
    CtapCbor.putList(builder, TRANSPORTS, transports);
    return builder.build();
  }

  public static PublicKeyCredentialDescriptor fromCbor(CborMap map) throws CborException {
    String type = map.getString(TYPE);
    Bytes id = map.getBytes(ID);
    List<String> transports = CtapCbor.optTextList(map, TRANSPORTS);
    return CtapCbor.build(
        "credential descriptor", () -> new PublicKeyCredentialDescriptor(type, id, transports));
  }
}
