package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The prf extension's mapping onto hmac-secret (WebAuthn L3 §10.1.4). */
public final class Prf {
  private static final byte[] CONTEXT = "WebAuthn PRF".getBytes(StandardCharsets.US_ASCII);

  private Prf() {}

  /** The hmac-secret salt for a PRF input: SHA-256("WebAuthn PRF" || 0x00 || input). */
  public static Bytes salt(Bytes input) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(CONTEXT);
      digest.update((byte) 0);
      digest.update(input.toArray());
      return Bytes.of(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
