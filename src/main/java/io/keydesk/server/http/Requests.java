package io.keydesk.server.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies of docs/rp-api.md. Unknown fields are refused (invalid-request). */
final class Requests {
  private Requests() {}

  record Credentials(String email, String password) {}

  record SecurityKeyStep(String loginId, JsonNode credential) {}

  record CodeStep(String loginId, String code) {}

  record Code(String code) {}

  record NewEmail(String email) {}

  record NewPassword(String password) {}

  record RegistrationBegin(String attestation) {}

  record RegistrationFinish(String registrationId, String name, JsonNode credential) {}

  record Rename(String name) {}
}
