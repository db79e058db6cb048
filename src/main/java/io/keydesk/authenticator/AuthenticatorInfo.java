package io.keydesk.authenticator;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authenticatorGetInfo response of the software authenticator (CTAP 2.1 section 6.4). The CTAP2
 * handler that adds makeCredential, PIN and so on extends this record with the members it makes
 * true (algorithms, clientPin, ...).
 */
public record AuthenticatorInfo(
    List<String> versions,
    List<String> extensions,
    Bytes aaguid,
    Map<String, Boolean> options,
    int maxMsgSize,
    List<Integer> pinUvAuthProtocols,
    int maxCredentialCountInList,
    int maxCredentialIdLength,
    List<String> transports) {

  /** authenticatorGetInfo response keys (CTAP 2.1 section 6.4). */
  public static final int KEY_VERSIONS = 0x01;

  public static final int KEY_EXTENSIONS = 0x02;
  public static final int KEY_AAGUID = 0x03;
  public static final int KEY_OPTIONS = 0x04;
  public static final int KEY_MAX_MSG_SIZE = 0x05;
  public static final int KEY_PIN_UV_AUTH_PROTOCOLS = 0x06;
  public static final int KEY_MAX_CREDENTIAL_COUNT_IN_LIST = 0x07;
  public static final int KEY_MAX_CREDENTIAL_ID_LENGTH = 0x08;
  public static final int KEY_TRANSPORTS = 0x09;

  /** The largest CTAP2 message (command byte + CBOR) the software authenticator accepts. */
  public static final int MAX_MSG_SIZE = 1200;

  public AuthenticatorInfo {
    versions = List.copyOf(versions);
    extensions = List.copyOf(extensions);
    if (aaguid.length() != 16) {
      throw new IllegalArgumentException("an AAGUID has 16 bytes, not " + aaguid.length());
    }
    options = Map.copyOf(options);
    pinUvAuthProtocols = List.copyOf(pinUvAuthProtocols);
    transports = List.copyOf(transports);
  }

  /** What the KeyDesk software authenticator reports today. */
  public static AuthenticatorInfo keydeskDefaults(Bytes aaguid) {
    return new AuthenticatorInfo(
        List.of("FIDO_2_0", "FIDO_2_1"),
        List.of(),
        aaguid,
        Map.of("rk", true, "up", true, "plat", false),
        MAX_MSG_SIZE,
        List.of(2, 1),
        8,
        128,
        List.of("usb"));
  }

  /** The canonical CBOR map, without the status byte. */
  public byte[] encode() {
    return Cbor.encode(
        CborMap.builder()
            .put(KEY_VERSIONS, versions)
            .put(KEY_EXTENSIONS, extensions)
            .put(KEY_AAGUID, aaguid)
            .put(KEY_OPTIONS, new TreeMap<>(options))
            .put(KEY_MAX_MSG_SIZE, (long) maxMsgSize)
            .put(KEY_PIN_UV_AUTH_PROTOCOLS, pinUvAuthProtocols)
            .put(KEY_MAX_CREDENTIAL_COUNT_IN_LIST, (long) maxCredentialCountInList)
            .put(KEY_MAX_CREDENTIAL_ID_LENGTH, (long) maxCredentialIdLength)
            .put(KEY_TRANSPORTS, transports)
            .build());
  }
}
