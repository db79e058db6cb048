package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.AuthenticatorKeyAgreement;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.PinProtocol;
import io.keydesk.ctap2.PinProtocolV1;
import java.util.Arrays;

/**
 * The hmac-secret extension's getAssertion half (CTAP 2.1 section 12.5): the platform sends its
 * key-agreement key, saltEnc = encrypt(sharedSecret, salt1 [|| salt2]) and saltAuth =
 * authenticate(sharedSecret, saltEnc); the output is encrypt(sharedSecret, HMAC-SHA-256(CredRandom,
 * salt1) [|| HMAC-SHA-256(CredRandom, salt2)]), with CredRandom chosen by whether the user was
 * verified.
 */
final class HmacSecret {
  static final String EXTENSION = MakeCredentialOperation.HMAC_SECRET;
  static final int KEY_AGREEMENT = 0x01;
  static final int SALT_ENC = 0x02;
  static final int SALT_AUTH = 0x03;
  static final int PIN_UV_AUTH_PROTOCOL = 0x04;
  private static final int SALT_LENGTH = 32;

  private final PinProtocol protocol;
  private final byte[] sharedSecret;
  private final byte[] salts;

  private HmacSecret(PinProtocol protocol, byte[] sharedSecret, byte[] salts) {
    this.protocol = protocol;
    this.sharedSecret = sharedSecret;
    this.salts = salts;
  }

  /** Reads and checks the input; the shared secret lives until {@link #close()}. */
  static HmacSecret parse(CborMap input, PinUvAuthState tokens)
      throws CtapException, CborException {
    CborMap keyAgreement = input.getMap(KEY_AGREEMENT);
    Bytes saltEnc = input.getBytes(SALT_ENC);
    Bytes saltAuth = input.getBytes(SALT_AUTH);
    long version = input.optLong(PIN_UV_AUTH_PROTOCOL).orElse((long) PinProtocolV1.VERSION);
    AuthenticatorKeyAgreement agreement =
        tokens
            .keyAgreement(version)
            .orElseThrow(
                () ->
                    new CtapException(
                        CtapStatus.INVALID_PARAMETER,
                        "hmac-secret with PIN/UV auth protocol " + version + " is not supported."));
    byte[] secret = agreement.decapsulate(keyAgreement);
    PinProtocol protocol = agreement.protocol();
    if (!protocol.verify(secret, saltEnc.toArray(), saltAuth.toArray())) {
      Arrays.fill(secret, (byte) 0);
      throw new CtapException(
          CtapStatus.PIN_AUTH_INVALID, "The hmac-secret salts failed their authentication.");
    }
    byte[] salts = protocol.decrypt(secret, saltEnc.toArray());
    if (salts.length != SALT_LENGTH && salts.length != 2 * SALT_LENGTH) {
      Arrays.fill(secret, (byte) 0);
      throw new CtapException(
          CtapStatus.INVALID_LENGTH, "hmac-secret takes one or two 32-byte salts.");
    }
    return new HmacSecret(protocol, secret, salts);
  }

  /** The encrypted output for one credential. */
  Bytes output(CredentialMaterial credential, boolean userVerified) {
    byte[] credRandom = credential.credRandom(userVerified).toArray();
    byte[] outputs = new byte[salts.length];
    for (int offset = 0; offset < salts.length; offset += SALT_LENGTH) {
      byte[] salt = Arrays.copyOfRange(salts, offset, offset + SALT_LENGTH);
      System.arraycopy(Crypto.hmacSha256(credRandom, salt), 0, outputs, offset, SALT_LENGTH);
    }
    try {
      return Bytes.of(protocol.encrypt(sharedSecret, outputs));
    } finally {
      Arrays.fill(credRandom, (byte) 0);
      Arrays.fill(outputs, (byte) 0);
    }
  }

  void close() {
    Arrays.fill(sharedSecret, (byte) 0);
    Arrays.fill(salts, (byte) 0);
  }
}
