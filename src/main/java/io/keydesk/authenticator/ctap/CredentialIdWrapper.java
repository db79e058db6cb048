package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CredentialParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a credential's private key and settings into its credential ID, so non-discoverable
 * credentials need no storage (the "key wrapping" that CTAP 2.1 section 6.1.2 step 16 allows).
 *
 * <p>Layout (64 bytes, well under maxCredentialIdLength 128): {@code version(1) || nonce(12) ||
 * AES-256-GCM(plaintext(35)) || tag(16)} with associated data {@code version || rpIdHash}, so an ID
 * opens only for the RP it was made for. The key is HMAC-SHA-256(deviceSecret, label): a reset
 * replaces the device secret and every earlier ID stops opening. Plaintext: {@code alg(1: 1=ES256,
 * 2=EdDSA) || credProtect(1) || flags(1: bit0 discoverable, bit1 hmac-secret) || privateKey(32)}.
 */
public final class CredentialIdWrapper {
  static final byte VERSION = 1;
  static final int NONCE_LENGTH = 12;
  static final int TAG_BITS = 128;
  static final int PLAINTEXT_LENGTH = 3 + CredentialKey.PRIVATE_KEY_LENGTH;
  public static final int ID_LENGTH = 1 + NONCE_LENGTH + PLAINTEXT_LENGTH + TAG_BITS / 8;

  private static final byte ALG_ES256 = 1;
  private static final byte ALG_EDDSA = 2;
  private static final int FLAG_DISCOVERABLE = 0x01;
  private static final int FLAG_HMAC_SECRET = 0x02;
  private static final byte[] KEY_LABEL =
      "KeyDesk credential ID wrapping key v1".getBytes(StandardCharsets.US_ASCII);

  private final SecretKeySpec key;

  public CredentialIdWrapper(Bytes deviceSecret) {
    byte[] derived = Crypto.hmacSha256(deviceSecret.toArray(), KEY_LABEL);
    this.key = new SecretKeySpec(derived, "AES");
    Arrays.fill(derived, (byte) 0);
  }

  /** A new credential ID for {@code material}, bound to {@code rpIdHash}. */
  public Bytes wrap(CredentialMaterial material, Bytes rpIdHash) {
    byte[] plaintext = new byte[PLAINTEXT_LENGTH];
    plaintext[0] = material.key().algorithm() == CredentialParameters.ES256 ? ALG_ES256 : ALG_EDDSA;
    plaintext[1] = (byte) material.credProtect().level();
    plaintext[2] =
        (byte)
            ((material.discoverable() ? FLAG_DISCOVERABLE : 0)
                | (material.hmacSecret() ? FLAG_HMAC_SECRET : 0));
    byte[] privateKey = material.key().privateKey().toArray();
    System.arraycopy(privateKey, 0, plaintext, 3, privateKey.length);
    Arrays.fill(privateKey, (byte) 0);
    byte[] nonce = Crypto.random(NONCE_LENGTH);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(rpIdHash));
      byte[] sealed = cipher.doFinal(plaintext);
      return Bytes.concat(Bytes.of(new byte[] {VERSION}), Bytes.of(nonce), Bytes.of(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed: " + e.getMessage(), e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Opens {@code credentialId} for the RP with {@code rpIdHash}; empty when it is not one of this
   * device's IDs, was made for another RP, or was made before a reset.
   */
  public Optional<CredentialMaterial> unwrap(Bytes credentialId, Bytes rpIdHash) {
    if (credentialId.length() != ID_LENGTH || credentialId.get(0) != VERSION) {
      return Optional.empty();
    }
    byte[] id = credentialId.toArray();
    byte[] plaintext = null;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, id, 1, NONCE_LENGTH));
      cipher.updateAAD(associatedData(rpIdHash));
      plaintext = cipher.doFinal(id, 1 + NONCE_LENGTH, id.length - 1 - NONCE_LENGTH);
      return decode(plaintext);
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed: " + e.getMessage(), e);
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  private static Optional<CredentialMaterial> decode(byte[] plaintext) {
    long algorithm =
        switch (plaintext[0]) {
          case ALG_ES256 -> CredentialParameters.ES256;
          case ALG_EDDSA -> CredentialParameters.EDDSA;
          default -> 0;
        };
    Optional<CredProtect> credProtect = CredProtect.of(plaintext[1]);
    if (algorithm == 0 || credProtect.isEmpty()) {
      return Optional.empty();
    }
    CredentialKey key =
        new CredentialKey(algorithm, Bytes.of(plaintext, 3, CredentialKey.PRIVATE_KEY_LENGTH));
    return Optional.of(
        new CredentialMaterial(
            key,
            credProtect.get(),
            (plaintext[2] & FLAG_DISCOVERABLE) != 0,
            (plaintext[2] & FLAG_HMAC_SECRET) != 0));
  }

  private static byte[] associatedData(Bytes rpIdHash) {
    return Bytes.concat(Bytes.of(new byte[] {VERSION}), rpIdHash).toArray();
  }
}
