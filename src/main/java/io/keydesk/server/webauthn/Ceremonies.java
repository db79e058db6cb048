package io.keydesk.server.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.AuthenticatorTransport;
import io.keydesk.cbor.Bytes;
import io.keydesk.server.store.StoredCredential;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** The credential record to store after a successful registration. */
  static StoredCredential toStored(
      long userId,
      String name,
      RegistrationResult result,
      PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
          response,
      Instant now) {
    List<String> transports = new ArrayList<>();
    for (AuthenticatorTransport transport : response.getResponse().getTransports()) {
      transports.add(transport.getId());
    }
    return new StoredCredential(
        newId(),
        userId,
        Bytes.of(result.getKeyId().getId().getBytes()),
        Bytes.of(result.getPublicKeyCose().getBytes()),
        name,
        now,
        Optional.empty(),
        Bytes.of(result.getAaguid().getBytes()),
        transports,
        result.getSignatureCount(),
        result.isBackupEligible(),
        result.isBackedUp(),
        false);
  }

  /** The challenge in a response's clientDataJSON (base64url), to find its ceremony. */
  static Optional<String> challengeOf(JsonNode credential) {
    try {
      String clientData = credential.path("response").path("clientDataJSON").asText("");
      JsonNode parsed =
          Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(clientData));
      return Optional.ofNullable(parsed.path("challenge").textValue());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The origin in a response's clientDataJSON. */
  static Optional<String> originOf(JsonNode credential) {
    try {
      String clientData = credential.path("response").path("clientDataJSON").asText("");
      JsonNode parsed =
          Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(clientData));
      return Optional.ofNullable(parsed.path("origin").textValue());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
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
