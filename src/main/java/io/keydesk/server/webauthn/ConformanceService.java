package io.keydesk.server.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import io.keydesk.server.account.Secrets;
import io.keydesk.server.json.Json;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.Database;
import io.keydesk.server.store.PendingStore;
import io.keydesk.server.store.StoredCredential;
import io.keydesk.server.store.User;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.store.UserKind;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The FIDO Alliance conformance-tools server API (FIDO "Server Requirements and Transport Binding
 * Profile" §7): /attestation/options, /attestation/result, /assertion/options, /assertion/result.
 * Conformance users are separate from accounts; a ceremony is found by its challenge.
 */
public final class ConformanceService {
  private record Pending(
      Optional<PublicKeyCredentialCreationOptions> registration,
      Optional<AssertionRequest> assertion,
      AttestationConveyancePreference attestation) {}

  private final Database db;
  private final RelyingParties parties;
  private final UserDao users;
  private final CredentialDao credentials;
  private final PendingStore<Pending> pending;
  private final Clock clock;

  public ConformanceService(Database db, RelyingParties parties, Clock clock) {
    this.db = db;
    this.parties = parties;
    this.users = new UserDao(db);
    this.credentials = new CredentialDao(db);
    this.pending = new PendingStore<>(clock, SecurityKeyService.CEREMONY_TIMEOUT);
    this.clock = clock;
  }

  /** ServerPublicKeyCredentialCreationOptionsRequest → options with status "ok". */
  public ObjectNode attestationOptions(JsonNode request) {
    String username = required(request, "username");
    String displayName = request.path("displayName").asText(username);
    AttestationConveyancePreference attestation =
        attestation(request.path("attestation").asText("none"));
    User user =
        db.inTransaction(
            c ->
                users
                    .byEmail(UserKind.CONFORMANCE, username)
                    .orElseGet(
                        () ->
                            users.insert(
                                UserKind.CONFORMANCE,
                                username,
                                Optional.empty(),
                                Secrets.randomBytes(User.USER_HANDLE_LENGTH),
                                clock.instant())));
    AuthenticatorSelectionCriteria selection = selection(request.path("authenticatorSelection"));
    PublicKeyCredentialCreationOptions options =
        parties
            .get(UserKind.CONFORMANCE, attestation)
            .startRegistration(
                StartRegistrationOptions.builder()
                    .user(
                        UserIdentity.builder()
                            .name(username)
                            .displayName(displayName)
                            .id(StoreCredentialRepository.toByteArray(user.userHandle()))
                            .build())
                    .authenticatorSelection(selection)
                    .timeout(SecurityKeyService.CEREMONY_TIMEOUT.toMillis())
                    .build());
    pending.put(
        options.getChallenge().getBase64Url(),
        new Pending(Optional.of(options), Optional.empty(), attestation));
    return ok(Ceremonies.creationOptionsJson(options));
  }

  public ObjectNode attestationResult(JsonNode credential) {
    Pending p = takePending(credential);
    PublicKeyCredentialCreationOptions request =
        p.registration().orElseThrow(() -> failed("The challenge belongs to an assertion."));
    PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
        response = Ceremonies.parseRegistration(Json.text(normalise(credential)));
    checkOrigin(credential);
    try {
      RegistrationResult result =
          parties
              .get(UserKind.CONFORMANCE, p.attestation())
              .finishRegistration(
                  FinishRegistrationOptions.builder().request(request).response(response).build());
      User user =
          users
              .byUserHandle(io.keydesk.cbor.Bytes.of(request.getUser().getId().getBytes()))
              .orElseThrow(() -> failed("The user is gone."));
      StoredCredential key =
          Ceremonies.toStored(user.id(), "conformance", result, response, clock.instant());
      db.execute(
          c -> {
            if (credentials.byCredentialId(key.credentialId()).isPresent()) {
              throw failed("The credential ID is already registered.");
            }
            credentials.insert(key);
          });
      return ok(Json.MAPPER.createObjectNode());
    } catch (RegistrationFailedException e) {
      throw failed(e.getMessage());
    }
  }

  /** ServerPublicKeyCredentialGetOptionsRequest → options with status "ok". */
  public ObjectNode assertionOptions(JsonNode request) {
    String username = required(request, "username");
    if (users.byEmail(UserKind.CONFORMANCE, username).isEmpty()) {
      throw failed("User " + username + " does not exist.");
    }
    StartAssertionOptions.StartAssertionOptionsBuilder options =
        StartAssertionOptions.builder()
            .username(username)
            .timeout(SecurityKeyService.CEREMONY_TIMEOUT.toMillis());
    if (request.hasNonNull("userVerification")) {
      options.userVerification(uv(request.get("userVerification").asText()));
    }
    AssertionRequest assertion =
        parties
            .get(UserKind.CONFORMANCE, AttestationConveyancePreference.NONE)
            .startAssertion(options.build());
    pending.put(
        assertion.getPublicKeyCredentialRequestOptions().getChallenge().getBase64Url(),
        new Pending(Optional.empty(), Optional.of(assertion), AttestationConveyancePreference.NONE));
    return ok(Ceremonies.requestOptionsJson(assertion));
  }

  public ObjectNode assertionResult(JsonNode credential) {
    Pending p = takePending(credential);
    AssertionRequest request =
        p.assertion().orElseThrow(() -> failed("The challenge belongs to a registration."));
    var response = Ceremonies.parseAssertion(Json.text(normalise(credential)));
    checkOrigin(credential);
    try {
      var result =
          parties
              .get(UserKind.CONFORMANCE, AttestationConveyancePreference.NONE)
              .finishAssertion(
                  FinishAssertionOptions.builder().request(request).response(response).build());
      if (!result.isSuccess()) {
        throw failed("The assertion is not valid.");
      }
      credentials
          .byCredentialId(io.keydesk.cbor.Bytes.of(result.getCredentialId().getBytes()))
          .ifPresent(
              key ->
                  credentials.recordUse(
                      key.id(),
                      result.getSignatureCount(),
                      result.isBackedUp(),
                      !result.isSignatureCounterValid(),
                      clock.instant()));
      return ok(Json.MAPPER.createObjectNode());
    } catch (AssertionFailedException e) {
      throw failed(e.getMessage());
    }
  }

  private void checkOrigin(JsonNode credential) {
    try {
      parties.checkOrigin(credential);
    } catch (ApiException e) {
      throw failed(e.getMessage());
    }
  }

  private Pending takePending(JsonNode credential) {
    if (credential == null || !credential.isObject()) {
      throw failed("Send the credential as a JSON object.");
    }
    return Ceremonies.challengeOf(credential)
        .flatMap(pending::take)
        .orElseThrow(() -> failed("The challenge is unknown, expired or already used."));
  }

  /** The conformance tools send "getClientExtensionResults"; the L3 name is the other one. */
  private static JsonNode normalise(JsonNode credential) {
    ObjectNode copy = ((ObjectNode) credential).deepCopy();
    if (copy.has("getClientExtensionResults") && !copy.has("clientExtensionResults")) {
      copy.set("clientExtensionResults", copy.remove("getClientExtensionResults"));
    }
    copy.remove("getClientExtensionResults");
    if (!copy.has("clientExtensionResults")) {
      copy.set("clientExtensionResults", Json.MAPPER.createObjectNode());
    }
    return copy;
  }

  private static AuthenticatorSelectionCriteria selection(JsonNode node) {
    AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder builder =
        AuthenticatorSelectionCriteria.builder();
    if (node.hasNonNull("userVerification")) {
      builder.userVerification(uv(node.get("userVerification").asText()));
    }
    if (node.hasNonNull("residentKey")) {
      builder.residentKey(
          com.yubico.webauthn.data.ResidentKeyRequirement.valueOf(
              node.get("residentKey").asText().toUpperCase(Locale.ROOT)));
    } else if (node.path("requireResidentKey").asBoolean(false)) {
      builder.residentKey(com.yubico.webauthn.data.ResidentKeyRequirement.REQUIRED);
    }
    return builder.build();
  }

  private static UserVerificationRequirement uv(String value) {
    try {
      return UserVerificationRequirement.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw failed("Unknown userVerification " + value);
    }
  }

  private static AttestationConveyancePreference attestation(String value) {
    try {
      return AttestationConveyancePreference.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw failed("Unknown attestation " + value);
    }
  }

  private static String required(JsonNode request, String field) {
    String value = request.path(field).asText("");
    if (value.isBlank()) {
      throw failed("'" + field + "' is missing.");
    }
    return value;
  }

  private static ObjectNode ok(ObjectNode body) {
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("status", "ok");
    answer.put("errorMessage", "");
    answer.setAll(body);
    return answer;
  }

  /** Conformance failures: the HTTP layer answers {status: "failed", errorMessage}. */
  static ApiException failed(String message) {
    return new ApiException(ProblemType.WEBAUTHN_FAILED, message);
  }
}
