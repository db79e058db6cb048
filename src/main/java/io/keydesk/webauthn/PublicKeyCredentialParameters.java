package io.keydesk.webauthn;

/** WebAuthn L3 §5.3 PublicKeyCredentialParameters: a credential type and a COSE algorithm. */
public record PublicKeyCredentialParameters(String type, long alg) {
  /** The only credential type WebAuthn defines (§5.8.2). */
  public static final String PUBLIC_KEY = "public-key";

  public PublicKeyCredentialParameters {
    Members.required(type, "pubKeyCredParams.type");
  }

  public static PublicKeyCredentialParameters publicKey(long alg) {
    return new PublicKeyCredentialParameters(PUBLIC_KEY, alg);
  }
}
