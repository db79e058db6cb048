package io.keydesk.ctap2;

import io.keydesk.cbor.CborMap;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A PIN/UV auth protocol (CTAP 2.1 section 6.5.4): key agreement, encryption and authentication
 * between platform and authenticator. One implementation serves both sides: the platform calls
 * {@link #encapsulate}, the authenticator keeps an {@link AuthenticatorKeyAgreement} and calls
 * {@link #decapsulate}; both then use {@link #encrypt}, {@link #decrypt}, {@link #authenticate} and
 * {@link #verify}.
 *
 * <p>Keys are byte arrays so that callers can zero them; no method keeps a reference to its
 * arguments.
 */
public sealed interface PinProtocol permits PinProtocolV1, PinProtocolV2 {
  /** Length of the pinUvAuthToken an authenticator generates (section 6.5.2.1). */
  int AUTHENTICATOR_TOKEN_LENGTH = 32;

  /** The protocol number sent as pinUvAuthProtocol: 1 or 2. */
  int version();

  /** kdf(Z): derives the shared secret from the ECDH x-coordinate Z. */
  byte[] kdf(byte[] z);

  /**
   * Platform side: generates a fresh key pair, agrees with the authenticator's key and returns the
   * platform's COSE_Key together with the shared secret.
   *
   * @throws CtapException INVALID_PARAMETER when the peer key is malformed or not on P-256
   */
  default Encapsulation encapsulate(CborMap peerCoseKey) throws CtapException {
    return encapsulate(peerCoseKey, KeyAgreementKey.generate());
  }

  /** {@link #encapsulate(CborMap)} with a given platform key pair (for known-answer tests). */
  default Encapsulation encapsulate(CborMap peerCoseKey, KeyAgreementKey platformKey)
      throws CtapException {
    byte[] z = platformKey.agree(peerCoseKey);
    try {
      return new Encapsulation(platformKey.publicCoseKey(), kdf(z));
    } finally {
      Arrays.fill(z, (byte) 0);
    }
  }

  /**
   * Authenticator side: the shared secret for the platform's COSE_Key, under the authenticator's
   * own key-agreement key. The caller zeroes it.
   */
  default byte[] decapsulate(KeyAgreementKey ownKey, CborMap peerCoseKey) throws CtapException {
    byte[] z = ownKey.agree(peerCoseKey);
    try {
      return kdf(z);
    } finally {
      Arrays.fill(z, (byte) 0);
    }
  }

  /** Encrypts with the shared secret; the plaintext must be a multiple of 16 bytes. */
  byte[] encrypt(byte[] sharedSecret, byte[] plaintext);

  /**
   * Decrypts with the shared secret.
   *
   * @throws CtapException INVALID_PARAMETER when the ciphertext has an impossible length
   */
  byte[] decrypt(byte[] sharedSecret, byte[] ciphertext) throws CtapException;

  /** The MAC of {@code message} under {@code key} (a shared secret or a pinUvAuthToken). */
  byte[] authenticate(byte[] key, byte[] message);

  /** Checks a MAC in constant time (for MACs of the right length). */
  default boolean verify(byte[] key, byte[] message, byte[] signature) {
    byte[] expected = authenticate(key, message);
    try {
      return MessageDigest.isEqual(expected, signature);
    } finally {
      Arrays.fill(expected, (byte) 0);
    }
  }

  /** Whether a decrypted pinUvAuthToken of this length is acceptable under this protocol. */
  boolean isValidTokenLength(int length);

  /** The protocol with this number, if KeyDesk implements it. */
  static Optional<PinProtocol> of(long version) {
    if (version == PinProtocolV2.VERSION) {
      return Optional.of(new PinProtocolV2());
    }
    if (version == PinProtocolV1.VERSION) {
      return Optional.of(new PinProtocolV1());
    }
    return Optional.empty();
  }

  /**
   * The protocol to use with a key: the first of [2, 1] that appears in its getInfo
   * pinUvAuthProtocols (0x06), as CTAP 2.1 section 6.5.4 recommends (the authenticator lists its
   * protocols in order of preference, but the platform picks the newest it knows).
   */
  static Optional<PinProtocol> choose(List<? extends Number> supportedByKey) {
    for (long candidate : new long[] {PinProtocolV2.VERSION, PinProtocolV1.VERSION}) {
      for (Number offered : supportedByKey) {
        if (offered.longValue() == candidate) {
          return of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
