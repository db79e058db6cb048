package io.keydesk.server.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
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
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import io.keydesk.cbor.Bytes;
import io.keydesk.server.account.Authenticated;
import io.keydesk.server.account.TwoFactorStatus;
import io.keydesk.server.json.Json;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.Database;
import io.keydesk.server.store.PendingStore;
import io.keydesk.server.store.StoredCredential;
import io.keydesk.server.store.User;
import io.keydesk.server.store.UserKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's security keys: list, register (WebAuthn L3 §7.1 through java-webauthn-server),
 * rename, remove, and the assertion of the login's second step (§7.2).
 */
public final class SecurityKeyService {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityKeyService.class);
  public static final int MAX_KEYS = 50;
  public static final Duration CEREMONY_TIMEOUT = Duration.ofSeconds(300);

  /** The answer to a removal: whether two-factor authentication is still active. */
  public record Removal(String removedId, boolean twoFactorActive, TwoFactorStatus status) {}

  private final Database db;
  private final RelyingParties parties;
  private final CredentialDao credentials;
  private final TwoFactorStatusReader statusReader;
  private final PendingStore<PendingRegistration> registrations;
  private final Clock clock;

  /** Reads the two-factor status of a user (AccountService::twoFactor). */
  @FunctionalInterface
  public interface TwoFactorStatusReader {
    TwoFactorStatus read(long userId);
  }

  public SecurityKeyService(
      Database db, RelyingParties parties, TwoFactorStatusReader status, Clock clock) {
    this.db = db;
    this.parties = parties;
    this.credentials = new CredentialDao(db);
    this.statusReader = status;
    this.registrations = new PendingStore<>(clock, CEREMONY_TIMEOUT);
    this.clock = clock;
  }

  public List<KeyView> list(User user) {
    List<StoredCredential> keys = credentials.byUser(user.id());
    List<KeyView> views = new ArrayList<>();
    for (StoredCredential key : keys) {
      views.add(view(key, keys.size() == 1));
    }
    return views;
  }

  /** Starts a registration for the caller (sudo already checked by the HTTP layer). */
  public CeremonyStart beginRegistration(
      Authenticated caller, AttestationConveyancePreference attestation) {
    User user = caller.user();
    requireRoom(user);
    PublicKeyCredentialCreationOptions options =
        parties
            .get(UserKind.ACCOUNT, attestation)
            .startRegistration(
                StartRegistrationOptions.builder()
                    .user(
                        UserIdentity.builder()
                            .name(user.email())
                            .displayName(user.email())
                            .id(StoreCredentialRepository.toByteArray(user.userHandle()))
                            .build())
                    .authenticatorSelection(
                        AuthenticatorSelectionCriteria.builder()
                            .residentKey(ResidentKeyRequirement.DISCOURAGED)
                            .userVerification(UserVerificationRequirement.DISCOURAGED)
                            .build())
                    .timeout(CEREMONY_TIMEOUT.toMillis())
                    .build());
    String id = Ceremonies.newId();
    Instant expiresAt =
        registrations.put(
            id,
            new PendingRegistration(
                user.id(), caller.session().tokenHash(), attestation, options));
    return new CeremonyStart(id, Ceremonies.creationOptionsJson(options), expiresAt);
  }

  /**
   * Verifies the authenticator's response to {@code registrationId} and stores the key.
   *
   * @throws ApiException ceremony-expired (unknown, used, expired or another session's id),
   *     webauthn-failed, credential-exists, too-many-keys, invalid-name
   */
  public KeyView finishRegistration(
      Authenticated caller, String registrationId, String name, JsonNode credential) {
    String checkedName = checkName(name);
    if (credential == null || !credential.isObject()) {
      throw new ApiException(
          ProblemType.INVALID_REQUEST, "Send the RegistrationResponseJSON as 'credential'.");
    }
    PendingRegistration pending =
        registrations
            .take(registrationId == null ? "" : registrationId)
            .filter(
                p ->
                    p.userId() == caller.user().id()
                        && p.sessionTokenHash().equals(caller.session().tokenHash()))
            .orElseThrow(
                () ->
                    new ApiException(
                        ProblemType.CEREMONY_EXPIRED,
                        "This registration is unknown, expired or already finished."
                            + " Start again with POST /api/v1/security-keys/registrations."));
    PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
        response = Ceremonies.parseRegistration(Json.text(credential));
    parties.checkOrigin(credential);
    // §7.1 step 26. Checked here because java-webauthn-server's own check (lookupAll) fails
    // with a generic RegistrationFailedException. With attestation "none" anyone can build a
    // valid registration for any ID, so checking before the signatures reveals nothing more.
    if (credentials.byCredentialId(Bytes.of(response.getId().getBytes())).isPresent()) {
      throw credentialExists();
    }
    RegistrationResult result;
    try {
      result =
          parties
              .get(UserKind.ACCOUNT, pending.attestation())
              .finishRegistration(
                  FinishRegistrationOptions.builder()
                      .request(pending.request())
                      .response(response)
                      .build());
    } catch (RegistrationFailedException e) {
      throw new ApiException(
          ProblemType.WEBAUTHN_FAILED,
          "The security key's registration could not be verified: " + e.getMessage());
    }
    StoredCredential key =
        Ceremonies.toStored(caller.user().id(), checkedName, result, response, clock.instant());
    return db.inTransaction(
        c -> {
          if (credentials.byCredentialId(key.credentialId()).isPresent()) {
            throw credentialExists();
          }
          requireRoom(caller.user());
          credentials.insert(key);
          return view(key, credentials.countByUser(caller.user().id()) == 1);
        });
  }

  private static ApiException credentialExists() {
    return new ApiException(
        ProblemType.CREDENTIAL_EXISTS,
        "This security key credential is already registered. Use another key.");
  }

  public KeyView rename(User user, String id, String name) {
    String checkedName = checkName(name);
    return db.inTransaction(
        c -> {
          StoredCredential key = find(user, id);
          credentials.rename(key.id(), checkedName);
          return view(find(user, id), credentials.countByUser(user.id()) == 1);
        });
  }

  /** Removes the key; the answer says whether 2FA is still active (TOTP keeps it on). */
  public Removal remove(User user, String id) {
    return db.inTransaction(
        c -> {
          StoredCredential key = find(user, id);
          credentials.delete(key.id());
          TwoFactorStatus status = statusReader.read(user.id());
          return new Removal(key.id(), status.active(), status);
        });
  }

  /** Starts the login assertion: allowCredentials lists every key of the user. */
  public AssertionRequest beginAssertion(User user) {
    return parties
        .get(UserKind.ACCOUNT, AttestationConveyancePreference.NONE)
        .startAssertion(
            StartAssertionOptions.builder()
                .userHandle(StoreCredentialRepository.toByteArray(user.userHandle()))
                .userVerification(UserVerificationRequirement.DISCOURAGED)
                .timeout(CEREMONY_TIMEOUT.toMillis())
                .build());
  }

  public static com.fasterxml.jackson.databind.node.ObjectNode requestOptionsJson(
      AssertionRequest request) {
    return Ceremonies.requestOptionsJson(request);
  }

  /**
   * Verifies an assertion for {@code request} and records the key's use (sign count, last used,
   * clone flag on a counter regression, WebAuthn L3 §7.2 step 22).
   *
   * @throws ApiException webauthn-failed
   */
  public StoredCredential finishAssertion(User user, AssertionRequest request, JsonNode credential) {
    if (credential == null || !credential.isObject()) {
      throw new ApiException(
          ProblemType.INVALID_REQUEST, "Send the AuthenticationResponseJSON as 'credential'.");
    }
    var response = Ceremonies.parseAssertion(Json.text(credential));
    parties.checkOrigin(credential);
    AssertionResult result;
    try {
      result =
          parties
              .get(UserKind.ACCOUNT, AttestationConveyancePreference.NONE)
              .finishAssertion(
                  FinishAssertionOptions.builder().request(request).response(response).build());
    } catch (AssertionFailedException e) {
      throw new ApiException(
          ProblemType.WEBAUTHN_FAILED, "The security key's answer is not valid: " + e.getMessage());
    }
    if (!result.isSuccess()) {
      throw new ApiException(ProblemType.WEBAUTHN_FAILED, "The security key's answer is not valid.");
    }
    StoredCredential key =
        credentials
            .byCredentialId(Bytes.of(result.getCredentialId().getBytes()))
            .filter(k -> k.userId() == user.id())
            .orElseThrow(
                () -> new ApiException(ProblemType.WEBAUTHN_FAILED, "Unknown security key."));
    boolean cloneSuspected = !result.isSignatureCounterValid();
    if (cloneSuspected) {
      LOG.warn("Sign count of key {} went from {} to {}: possibly cloned", key.id(),
          key.signCount(), result.getSignatureCount());
    }
    credentials.recordUse(
        key.id(), result.getSignatureCount(), result.isBackedUp(), cloneSuspected, clock.instant());
    return credentials.byCredentialId(key.credentialId()).orElseThrow();
  }

  public boolean hasKeys(User user) {
    return credentials.countByUser(user.id()) > 0;
  }

  private void requireRoom(User user) {
    if (credentials.countByUser(user.id()) >= MAX_KEYS) {
      throw new ApiException(
          ProblemType.TOO_MANY_KEYS,
          "The account has " + MAX_KEYS + " security keys, the maximum. Remove one first.");
    }
  }

  private StoredCredential find(User user, String id) {
    return credentials
        .byId(user.id(), id == null ? "" : id)
        .orElseThrow(
            () -> new ApiException(ProblemType.NOT_FOUND, "No security key " + id + " on this account."));
  }

  static String checkName(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > StoredCredential.MAX_NAME_LENGTH) {
      throw new ApiException(
          ProblemType.INVALID_NAME,
          "Give the key a name of 1 to " + StoredCredential.MAX_NAME_LENGTH + " characters.");
    }
    return trimmed;
  }

  private static KeyView view(StoredCredential key, boolean lastKey) {
    return new KeyView(
        key.id(),
        key.credentialId().base64Url(),
        key.name(),
        key.createdAt(),
        key.lastUsedAt(),
        Ceremonies.aaguid(key.aaguid().toArray()),
        key.transports(),
        key.signCount(),
        key.backupEligible(),
        key.backupState(),
        key.possiblyCloned(),
        lastKey);
  }
}
