package io.keydesk.server.webauthn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import io.keydesk.server.json.Json;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import java.io.IOException;
import java.util.UUID;

/** Conversions between java-webauthn-server objects and the API's WebAuthn L3 JSON. */
final class Ceremonies {
  private Ceremonies() {}

  static ObjectNode creationOptionsJson(PublicKeyCredentialCreationOptions options) {
    try {
      return (ObjectNode) Json.tree(options.toCredentialsCreateJson()).get("publicKey");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode creation options", e);
    }
  }

  static ObjectNode requestOptionsJson(AssertionRequest request) {
    try {
      return (ObjectNode) Json.tree(request.toCredentialsGetJson()).get("publicKey");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode request options", e);
    }
  }

  static PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
      parseRegistration(String json) {
    try {
      return PublicKeyCredential.parseRegistrationResponseJson(json);
    } catch (IOException | RuntimeException e) {
      throw new ApiException(
          ProblemType.INVALID_REQUEST,
          "The credential is not a valid RegistrationResponseJSON: " + e.getMessage());
    }
  }

  static PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>
      parseAssertion(String json) {
    try {
      return PublicKeyCredential.parseAssertionResponseJson(json);
    } catch (IOException | RuntimeException e) {
      throw new ApiException(
          ProblemType.INVALID_REQUEST,
          "The credential is not a valid AuthenticationResponseJSON: " + e.getMessage());
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  /** AAGUID bytes as a UUID string (WebAuthn L3 §6.5.1). */
  static String aaguid(byte[] bytes) {
    if (bytes.length != 16) {
      return new UUID(0, 0).toString();
    }
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }
}
