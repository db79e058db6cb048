package io.keydesk.testing;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Yubico's java-webauthn-server as the independent relying party of tier-5 tests: RP ID {@value
 * #RP_ID}, one user {@value #USERNAME}, and an in-memory credential repository.
 */
public final class YubicoRelyingParty {
  public static final String RP_ID = "example.com";
  public static final String RP_NAME = "Example";
  public static final String USERNAME = "alice";

  private YubicoRelyingParty() {}

  /**
   * A relying party builder for {@code origin} backed by {@code repository}; callers add the
   * attestation settings they test, then build.
   */
  public static RelyingParty.RelyingPartyBuilder builder(Repository repository, String origin) {
    return RelyingParty.builder()
        .identity(RelyingPartyIdentity.builder().id(RP_ID).name(RP_NAME).build())
        .credentialRepository(repository)
        .origins(Set.of(origin));
  }

  /** {@code rp.finishRegistration} for the client's RegistrationResponseJSON text. */
  public static RegistrationResult finishRegistration(
      RelyingParty rp, PublicKeyCredentialCreationOptions request, String responseJson)
      throws Exception {
    return rp.finishRegistration(
        FinishRegistrationOptions.builder()
            .request(request)
            .response(PublicKeyCredential.parseRegistrationResponseJson(responseJson))
            .build());
  }

  /** {@code rp.finishAssertion} for the client's AuthenticationResponseJSON text. */
  public static AssertionResult finishAssertion(
      RelyingParty rp, AssertionRequest request, String responseJson) throws Exception {
    return rp.finishAssertion(
        FinishAssertionOptions.builder()
            .request(request)
            .response(PublicKeyCredential.parseAssertionResponseJson(responseJson))
            .build());
  }

  /** One user's credentials, enough for the RP library. */
  public static final class Repository implements CredentialRepository {
    public final ByteArray userHandle =
        new ByteArray("alice-handle".getBytes(StandardCharsets.UTF_8));
    public final Set<RegisteredCredential> credentials = new HashSet<>();

    /** The user the repository knows, for startRegistration. */
    public UserIdentity user() {
      return UserIdentity.builder().name(USERNAME).displayName("Alice").id(userHandle).build();
    }

    /** Stores the credential {@code result} registered, with its signature count. */
    public void add(RegistrationResult result) {
      add(result, result.getSignatureCount());
    }

    /** Stores the credential {@code result} registered, with {@code signatureCount}. */
    public void add(RegistrationResult result, long signatureCount) {
      credentials.add(
          RegisteredCredential.builder()
              .credentialId(result.getKeyId().getId())
              .userHandle(userHandle)
              .publicKeyCose(result.getPublicKeyCose())
              .signatureCount(signatureCount)
              .build());
    }

    @Override
    public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
      Set<PublicKeyCredentialDescriptor> ids = new HashSet<>();
      credentials.forEach(
          c -> ids.add(PublicKeyCredentialDescriptor.builder().id(c.getCredentialId()).build()));
      return ids;
    }

    @Override
    public Optional<ByteArray> getUserHandleForUsername(String username) {
      return username.equals(USERNAME) ? Optional.of(userHandle) : Optional.empty();
    }

    @Override
    public Optional<String> getUsernameForUserHandle(ByteArray handle) {
      return handle.equals(userHandle) ? Optional.of(USERNAME) : Optional.empty();
    }

    @Override
    public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray handle) {
      return credentials.stream().filter(c -> c.getCredentialId().equals(credentialId)).findFirst();
    }

    @Override
    public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
      Set<RegisteredCredential> found = new HashSet<>();
      lookup(credentialId, null).ifPresent(found::add);
      return found;
    }
  }
}
