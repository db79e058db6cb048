package io.keydesk.ctap2;

import io.keydesk.cbor.CborMap;

/**
 * The authenticator's side of a PIN/UV auth protocol (CTAP 2.1 section 6.5.4: initialize,
 * regenerate, getPublicKey, decapsulate): a key-agreement key pair made at power-up and replaced by
 * {@link #regenerate()}, e.g. after a PIN failure. Thread-safe.
 */
public final class AuthenticatorKeyAgreement {
  private final PinProtocol protocol;
  private KeyAgreementKey key;

  /** initialize(): generates the first key pair. */
  public AuthenticatorKeyAgreement(PinProtocol protocol) {
    this(protocol, KeyAgreementKey.generate());
  }

  /** With a fixed key pair, for known-answer tests. */
  public AuthenticatorKeyAgreement(PinProtocol protocol, KeyAgreementKey key) {
    this.protocol = protocol;
    this.key = key;
  }

  public PinProtocol protocol() {
    return protocol;
  }

  /** Replaces the key pair, so earlier shared secrets no longer work. */
  public synchronized void regenerate() {
    key = KeyAgreementKey.generate();
  }

  /** The COSE_Key returned by getKeyAgreement (response member 0x01). */
  public synchronized CborMap getPublicKey() {
    return key.publicCoseKey();
  }

  /**
   * The shared secret for the platform's keyAgreement parameter; the caller zeroes it.
   *
   * @throws CtapException INVALID_PARAMETER when the platform key is malformed or off the curve
   */
  public byte[] decapsulate(CborMap platformCoseKey) throws CtapException {
    KeyAgreementKey current;
    synchronized (this) {
      current = key;
    }
    return protocol.decapsulate(current, platformCoseKey);
  }
}
