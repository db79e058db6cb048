package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;

/** The id/rawId pair of a PublicKeyCredential (WebAuthn L3 §5.1: id is base64url(rawId)). */
final class CredentialIds {
  private CredentialIds() {}

  static void check(String id, Bytes rawId) {
    Members.required(id, "id");
    Members.required(rawId, "rawId");
    if (!id.equals(rawId.base64Url())) {
      throw new IllegalArgumentException(
          "id \"" + id + "\" is not the base64url of rawId (" + rawId.base64Url() + ")");
    }
  }
}
