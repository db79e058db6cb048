package io.keydesk.rp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import java.util.Optional;

/**
 * A client of the FIDO Alliance conformance-tools server API ({@code /attestation/options},
 * {@code /attestation/result}, {@code /assertion/options}, {@code /assertion/result}), to register
 * and authenticate a key at any server that speaks it. A {@code "status": "failed"} answer becomes
 * a {@link RelyingPartyException} carrying the server's {@code errorMessage}.
 */
public final class ConformanceClient {
  static final String FAILED_TYPE = "urn:keydesk:problem:conformance-failed";
  private final RpHttp http;

  public ConformanceClient(RpEndpoint endpoint, TrustDecision trust) {
    this(endpoint, trust, RpClientOptions.DEFAULT);
  }

  public ConformanceClient(RpEndpoint endpoint, TrustDecision trust, RpClientOptions options) {
    this.http = new RpHttp(endpoint, trust, options);
  }

  /**
   * {@code POST /attestation/options}.
   *
   * @param authenticatorSelection e.g. {@code {"residentKey": "required"}}, or empty
   * @param attestation "none", "direct"...
   */
  public PublicKeyCredentialCreationOptionsJSON attestationOptions(
      String username,
      String displayName,
      Optional<ObjectNode> authenticatorSelection,
      String attestation) {
    ObjectNode body = http.mapper().createObjectNode();
    body.put("username", username);
    body.put("displayName", displayName);
    authenticatorSelection.ifPresent(s -> body.set("authenticatorSelection", s));
    body.put("attestation", attestation);
    return convert(call("attestation/options", body), PublicKeyCredentialCreationOptionsJSON.class);
  }

  /** {@code POST /attestation/result}. */
  public void attestationResult(RegistrationResponseJSON credential) {
    call("attestation/result", http.mapper().valueToTree(credential));
  }

  /** {@code POST /assertion/options}. */
  public PublicKeyCredentialRequestOptionsJSON assertionOptions(
      String username, String userVerification) {
    ObjectNode body = http.mapper().createObjectNode();
    body.put("username", username);
    body.put("userVerification", userVerification);
    return convert(call("assertion/options", body), PublicKeyCredentialRequestOptionsJSON.class);
  }

  /** {@code POST /assertion/result}. */
  public void assertionResult(AuthenticationResponseJSON credential) {
    call("assertion/result", http.mapper().valueToTree(credential));
  }

  private JsonNode call(String path, JsonNode body) {
    // Failures come as HTTP 400 {"status": "failed", "errorMessage"}: RpHttp keeps errorMessage
    // as the problem's detail.
    RpHttp.Answer answer = http.sendRaw("POST", path, Optional.empty(), Optional.of(body));
    return checkOk(answer.body(), answer.status());
  }

  static JsonNode checkOk(JsonNode body, int status) {
    if (!"ok".equals(body.path("status").asText())) {
      String message = body.path("errorMessage").asText("");
      throw failed(status, message.isEmpty() ? "the server answered status=failed" : message);
    }
    return body;
  }

  static RelyingPartyException failed(int status, String message) {
    return new RelyingPartyException(
        status,
        new Problem(FAILED_TYPE, "Conformance server refused", status, Optional.of(message),
            Optional.empty()));
  }

  private <T> T convert(JsonNode node, Class<T> type) {
    try {
      return http.mapper().treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw failed(502, "the server's " + type.getSimpleName() + " is malformed: " + e.getMessage());
    }
  }
}
