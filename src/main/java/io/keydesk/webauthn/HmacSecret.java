package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.Encapsulation;
import io.keydesk.ctap2.PinProtocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The platform side of the hmac-secret extension on getAssertion (CTAP 2.1 section 12.5): the salts
 * are encrypted under a shared secret from a fresh key agreement, and the outputs come back
 * encrypted under it. Close it to zero the shared secret.
 */
final class HmacSecret implements AutoCloseable {
  static final String EXTENSION = "hmac-secret";
  static final int KEY_AGREEMENT = 0x01;
  static final int SALT_ENC = 0x02;
  static final int SALT_AUTH = 0x03;
  static final int PIN_UV_AUTH_PROTOCOL = 0x04;
  static final int SALT_LENGTH = 32;

  private final PinProtocol protocol;
  private final Encapsulation session;

  HmacSecret(PinProtocol protocol, Encapsulation session) {
    this.protocol = protocol;
    this.session = session;
  }

  /** The hmac-secret input map for one or two 32-byte salts. */
  CborMap input(Bytes salt1, Optional<Bytes> salt2) {
    Bytes salts = salt2.map(s -> Bytes.concat(salt1, s)).orElse(salt1);
    byte[] saltEnc = protocol.encrypt(session.sharedSecret(), salts.toArray());
    byte[] saltAuth = protocol.authenticate(session.sharedSecret(), saltEnc);
    CborMap.Builder map =
        CborMap.builder()
            .put(KEY_AGREEMENT, session.keyAgreement())
            .put(SALT_ENC, Bytes.of(saltEnc))
            .put(SALT_AUTH, Bytes.of(saltAuth));
    if (protocol.version() != 1) {
      map.put(PIN_UV_AUTH_PROTOCOL, (long) protocol.version());
    }
    return map.build();
  }

  /** The decrypted outputs: one or two 32-byte values. */
  List<Bytes> outputs(Bytes encrypted) throws WebAuthnClientException {
    byte[] plain;
    try {
      plain = protocol.decrypt(session.sharedSecret(), encrypted.toArray());
    } catch (Exception e) {
      throw malformed(e.getMessage());
    }
    try {
      if (plain.length != SALT_LENGTH && plain.length != 2 * SALT_LENGTH) {
        throw malformed("the output is " + plain.length + " bytes, not 32 or 64");
      }
      List<Bytes> out = new ArrayList<>();
      for (int i = 0; i < plain.length; i += SALT_LENGTH) {
        out.add(Bytes.of(plain, i, SALT_LENGTH));
      }
      return out;
    } finally {
      Arrays.fill(plain, (byte) 0); // the outputs are key material; keep only the copies
    }
  }

  private static WebAuthnClientException malformed(String problem) {
    return new WebAuthnClientException(
        WebAuthnClientException.Code.ENCODING_ERROR,
        "The key's hmac-secret output cannot be decrypted (" + problem + "). Try again.");
  }

  @Override
  public void close() {
    session.close();
  }
}
