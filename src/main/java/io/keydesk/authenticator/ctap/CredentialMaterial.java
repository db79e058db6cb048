package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a credential ID carries sealed inside it (see {@link CredentialIdWrapper}): the private key,
 * the credProtect level (CTAP 2.1 section 12.1), whether the credential is discoverable (then the
 * user lives in the {@link CredentialStore}) and whether hmac-secret was enabled at creation
 * (section 12.5).
 */
public record CredentialMaterial(
    CredentialKey key, CredProtect credProtect, boolean discoverable, boolean hmacSecret) {

  private static final byte[] CRED_RANDOM_WITH_UV =
      "KeyDesk CredRandomWithUV".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRED_RANDOM_WITHOUT_UV =
      "KeyDesk CredRandomWithoutUV".getBytes(StandardCharsets.US_ASCII);

  public CredentialMaterial {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(credProtect, "credProtect");
  }

  /**
   * The hmac-secret CredRandom (section 12.5): two 32-byte values per credential, one used with
   * user verification and one without. They are derived from the private key rather than stored, so
   * a non-discoverable credential's ID stays short; the private key never leaves the device, so
   * neither do they.
   */
  public Bytes credRandom(boolean userVerified) {
    return Bytes.of(
        Crypto.hmacSha256(
            key.privateKey().toArray(),
            userVerified ? CRED_RANDOM_WITH_UV : CRED_RANDOM_WITHOUT_UV));
  }
}
