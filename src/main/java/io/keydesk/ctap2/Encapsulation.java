package io.keydesk.ctap2;

import io.keydesk.cbor.CborMap;
import java.util.Arrays;

/**
 * The platform's result of {@link PinProtocol#encapsulate} (CTAP 2.1 section 6.5.6): the COSE_Key
 * to send as keyAgreement, and the shared secret. Close it to zero the secret.
 */
public final class Encapsulation implements AutoCloseable {
  private final CborMap keyAgreement;
  private final byte[] sharedSecret;

  /** Takes ownership of {@code sharedSecret}; it is zeroed by {@link #close()}. */
  public Encapsulation(CborMap keyAgreement, byte[] sharedSecret) {
    this.keyAgreement = keyAgreement;
    this.sharedSecret = sharedSecret;
  }

  /** The platform's public key, as the COSE_Key for the keyAgreement (0x03) parameter. */
  public CborMap keyAgreement() {
    return keyAgreement;
  }

  /**
   * The shared secret itself (not a copy, so that {@link #close()} can zero it): do not keep it.
   */
  public byte[] sharedSecret() {
    return sharedSecret;
  }

  @Override
  public void close() {
    Arrays.fill(sharedSecret, (byte) 0);
  }

  @Override
  public String toString() {
    return "Encapsulation[keyAgreement=" + keyAgreement + ", sharedSecret=<redacted>]";
  }
}
