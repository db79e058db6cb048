package io.keydesk.server.webauthn;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.store.UserKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The java-webauthn-server {@link RelyingParty} instances: one per kind of user and attestation
 * preference. Origin {@code https://<rp id>} on any port; ES256, EdDSA, RS256 (WebAuthn L3 §5.3);
 * the signature counter is checked by us (a regression flags the key, it does not lock it out).
 */
public final class RelyingParties {
  public static final List<PublicKeyCredentialParameters> ALGORITHMS =
      List.of(
          PublicKeyCredentialParameters.ES256,
          PublicKeyCredentialParameters.EdDSA,
          PublicKeyCredentialParameters.RS256);

  private record Key(UserKind kind, AttestationConveyancePreference attestation) {}

  private final String rpId;
  private final String rpName;
  private final UserDao users;
  private final CredentialDao credentials;
  private final Clock clock;
  private final Map<Key, RelyingParty> parties = new ConcurrentHashMap<>();

  public RelyingParties(
      String rpId, String rpName, UserDao users, CredentialDao credentials, Clock clock) {
    this.rpId = rpId;
    this.rpName = rpName;
    this.users = users;
    this.credentials = credentials;
    this.clock = clock;
  }

  public String rpId() {
    return rpId;
  }

  /**
   * Refuses a response whose clientDataJSON origin is not {@code https://<rp id>[:port]}
   * (WebAuthn L3 §7.1 step 9, §7.2 step 13). java-webauthn-server's {@code allowOriginPort}
   * compares host and port but not the scheme, so it alone would accept {@code http://<rp id>}.
   *
   * @throws ApiException webauthn-failed
   */
  public void checkOrigin(JsonNode credential) {
    String origin = Ceremonies.originOf(credential).orElse("");
    if (!isAllowedOrigin(origin)) {
      throw new ApiException(
          ProblemType.WEBAUTHN_FAILED,
          "The security key answered for origin \""
              + origin
              + "\", but this site accepts only https://"
              + rpId
              + " (any port). Use the site's own address.");
    }
  }

  boolean isAllowedOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      return "https".equals(uri.getScheme())
          && rpId.equals(uri.getHost())
          && uri.getRawUserInfo() == null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  public RelyingParty get(UserKind kind, AttestationConveyancePreference attestation) {
    return parties.computeIfAbsent(new Key(kind, attestation), this::build);
  }

  private RelyingParty build(Key key) {
    return RelyingParty.builder()
        .identity(RelyingPartyIdentity.builder().id(rpId).name(rpName).build())
        .credentialRepository(new StoreCredentialRepository(users, credentials, key.kind()))
        .origins(Set.of("https://" + rpId))
        .allowOriginPort(true)
        .preferredPubkeyParams(ALGORITHMS)
        .attestationConveyancePreference(key.attestation())
        .allowUntrustedAttestation(true)
        .validateSignatureCounter(false)
        .clock(clock)
        .build();
  }
}
