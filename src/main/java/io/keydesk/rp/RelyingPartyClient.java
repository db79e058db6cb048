package io.keydesk.rp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import io.keydesk.webauthn.AuthenticationResponseJSON;
import io.keydesk.webauthn.PublicKeyCredentialCreationOptionsJSON;
import io.keydesk.webauthn.PublicKeyCredentialRequestOptionsJSON;
import io.keydesk.webauthn.RegistrationResponseJSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the KeyDesk relying-party API (docs/rp-api.md, v1) over HTTPS with OkHttp.
 *
 * <p>Errors: {@link RelyingPartyException} for an error answer (problem+json), {@link
 * UntrustedCertificateException} when the certificate is not trusted (nothing is trusted
 * silently), {@link RelyingPartyUnreachableException} when the server cannot be reached. Reads
 * ({@code GET}) are retried once after a network failure; changes never are.
 *
 * <p>Thread-safe. The session token is passed in by the caller on each call and never stored.
 */
public final class RelyingPartyClient {
  private static final String API = "api/v1/";
  private final RpHttp http;

  public RelyingPartyClient(RpEndpoint endpoint, TrustDecision trust) {
    this(endpoint, trust, RpClientOptions.DEFAULT);
  }

  public RelyingPartyClient(RpEndpoint endpoint, TrustDecision trust, RpClientOptions options) {
    this.http = new RpHttp(endpoint, trust, options);
  }

  /** Over a given {@link RpHttp}: for tests that answer without a network. */
  RelyingPartyClient(RpHttp http) {
    this.http = http;
  }

  public RpEndpoint endpoint() {
    return http.endpoint();
  }

  /**
   * Checks that the server answers over a trusted connection, without credentials (an
   * unauthenticated {@code GET /api/v1/account}, whose 401 proves it is there).
   */
  public void checkConnection() {
    try {
      http.get(API + "account", Optional.empty());
    } catch (RelyingPartyException e) {
      if (e.status() != 401) {
        throw e;
      }
    }
  }

  /** {@code POST /api/v1/accounts}: signs up; returns the normalised email. */
  public String signUp(String email, char[] password) {
    JsonNode answer =
        http.postSecret(API + "accounts", Optional.empty(), credentials(email, password));
    return JsonFields.text(answer, "email");
  }

  /** {@code POST /api/v1/sessions}: the password step. */
  public LoginStep logIn(String email, char[] password) {
    JsonNode answer =
        http.postSecret(API + "sessions", Optional.empty(), credentials(email, password));
    String state = JsonFields.text(answer, "state");
    if (state.equals("authenticated")) {
      return new LoginStep.Authenticated(session(answer));
    }
    if (!state.equals("second_factor_required")) {
      throw JsonFields.malformed("state", "authenticated or second_factor_required");
    }
    JsonNode publicKey = answer.get("publicKey");
    Optional<PublicKeyCredentialRequestOptionsJSON> options =
        publicKey == null || publicKey.isNull()
            ? Optional.empty()
            : Optional.of(convert(publicKey, PublicKeyCredentialRequestOptionsJSON.class));
    return new LoginStep.SecondFactorRequired(
        JsonFields.text(answer, "loginId"),
        JsonFields.instant(answer, "expiresAt"),
        JsonFields.texts(answer, "methods"),
        options);
  }

  /** {@code POST /api/v1/sessions/security-key}: the second step by a key's assertion. */
  public RpSession finishWithSecurityKey(String loginId, AuthenticationResponseJSON credential) {
    return session(
        http.post(
            API + "sessions/security-key",
            Optional.empty(),
            Map.of("loginId", loginId, "credential", http.mapper().valueToTree(credential))));
  }

  /** {@code POST /api/v1/sessions/totp}. */
  public RpSession finishWithTotp(String loginId, String code) {
    return session(
        http.post(
            API + "sessions/totp", Optional.empty(), Map.of("loginId", loginId, "code", code)));
  }

  /** {@code POST /api/v1/sessions/backup-code}. */
  public RpSession finishWithBackupCode(String loginId, String code) {
    return session(
        http.post(
            API + "sessions/backup-code",
            Optional.empty(),
            Map.of("loginId", loginId, "code", code)));
  }

  /** {@code DELETE /api/v1/sessions/current}. */
  public void logOut(RpSession session) {
    http.delete(API + "sessions/current", token(session));
  }

  /** {@code GET /api/v1/account}. */
  public AccountStatus account(RpSession session) {
    return AccountStatus.from(http.get(API + "account", token(session)));
  }

  /** {@code POST /api/v1/sudo/code}: emails a code (unless an unexpired one exists). */
  public SudoCodeRequest requestSudoCode(RpSession session) {
    JsonNode answer = http.post(API + "sudo/code", token(session), null);
    return new SudoCodeRequest(
        JsonFields.bool(answer, "sent"), JsonFields.instant(answer, "expiresAt"));
  }

  /** {@code POST /api/v1/sudo}: enters sudo mode; returns until when. */
  public java.time.Instant enterSudo(RpSession session, String code) {
    JsonNode answer = http.post(API + "sudo", token(session), Map.of("code", code.trim()));
    return JsonFields.instant(answer, "sudoUntil");
  }

  /** {@code GET /api/v1/security-keys}. */
  public KeyList keys(RpSession session) {
    JsonNode answer = http.get(API + "security-keys", token(session));
    JsonNode keys = answer.get("keys");
    if (keys == null || !keys.isArray()) {
      throw JsonFields.malformed("keys", "a list");
    }
    List<SecurityKey> list = new ArrayList<>();
    for (JsonNode key : keys) {
      list.add(SecurityKey.from(key));
    }
    return new KeyList(list, JsonFields.bool(answer, "twoFactorActive"));
  }

  /** {@code POST /api/v1/security-keys/registrations} (sudo): begins adding a key. */
  public RegistrationStart beginRegistration(RpSession session) {
    JsonNode answer =
        http.post(API + "security-keys/registrations", token(session), Map.of("attestation", "none"));
    return new RegistrationStart(
        JsonFields.text(answer, "registrationId"),
        JsonFields.instant(answer, "expiresAt"),
        convert(
            JsonFields.object(answer, "publicKey"), PublicKeyCredentialCreationOptionsJSON.class));
  }

  /** {@code POST /api/v1/security-keys} (sudo): finishes adding a key. */
  public SecurityKey finishRegistration(
      RpSession session, String registrationId, String name, RegistrationResponseJSON credential) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("registrationId", registrationId);
    body.put("name", name);
    body.put("credential", http.mapper().valueToTree(credential));
    return SecurityKey.from(http.post(API + "security-keys", token(session), body));
  }

  /** {@code PATCH /api/v1/security-keys/{id}}. */
  public SecurityKey rename(RpSession session, String keyId, String name) {
    return SecurityKey.from(
        http.patch(API + "security-keys/" + keyId, token(session), Map.of("name", name)));
  }

  /** {@code DELETE /api/v1/security-keys/{id}} (sudo). */
  public KeyRemoval remove(RpSession session, String keyId) {
    JsonNode answer = http.delete(API + "security-keys/" + keyId, token(session));
    return new KeyRemoval(
        JsonFields.text(answer, "removed"),
        JsonFields.bool(answer, "twoFactorActive"),
        TwoFactorStatus.from(JsonFields.object(answer, "twoFactor")));
  }

  private <T> T convert(JsonNode node, Class<T> type) {
    try {
      return http.mapper().treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new RelyingPartyException(
          502,
          new Problem(
              "about:blank",
              "Unexpected answer",
              502,
              Optional.of("the server's " + type.getSimpleName() + " is malformed: " + e.getMessage()),
              Optional.empty()));
    }
  }

  private static RpSession session(JsonNode answer) {
    return new RpSession(JsonFields.text(answer, "token"), JsonFields.instant(answer, "expiresAt"));
  }

  private static Optional<String> token(RpSession session) {
    return Optional.of(session.token());
  }

  /**
   * The JSON body of sign-up and login, {@code {"email":...,"password":...}} in UTF-8. The password
   * never becomes a String: Jackson writes it from the char[] (without pooled buffers) into a
   * buffer that is zeroed here; the caller zeroes the returned array after sending it.
   */
  static byte[] credentials(String email, char[] password) {
    ZeroingOutput out = new ZeroingOutput();
    try (JsonGenerator json = CREDENTIALS_JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("email", email);
      json.writeFieldName("password");
      json.writeString(password, 0, password.length);
      json.writeEndObject();
    } catch (IOException e) {
      out.zero();
      throw new IllegalStateException("cannot write the login body", e);
    }
    try {
      return out.toByteArray();
    } finally {
      out.zero();
    }
  }

  private static final JsonFactory CREDENTIALS_JSON =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();

  /** A byte buffer that can be wiped; large enough that it never regrows (leaving copies). */
  private static final class ZeroingOutput extends ByteArrayOutputStream {
    ZeroingOutput() {
      super(4096);
    }

    void zero() {
      Arrays.fill(buf, (byte) 0);
      count = 0;
    }
  }
}
