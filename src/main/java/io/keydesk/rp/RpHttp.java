package io.keydesk.rp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.webauthn.WebAuthnJson;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP plumbing both RP clients share: one OkHttp client per endpoint and trust decision,
 * timeouts, one retry of idempotent reads after a network failure, JSON bodies, and every error
 * turned into {@link RelyingPartyException}, {@link UntrustedCertificateException} or {@link
 * RelyingPartyUnreachableException}. Never logs bodies or the Authorization header.
 */
final class RpHttp {
  private static final Logger log = LoggerFactory.getLogger(RpHttp.class);
  static final MediaType JSON = MediaType.get("application/json");

  /** The largest answer body read: the API's answers are a few kilobytes. */
  static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final String PROBLEM_JSON = "application/problem+json";

  private final RpEndpoint endpoint;
  private final OkHttpClient http;
  private final ObjectMapper mapper = WebAuthnJson.mapper();

  RpHttp(RpEndpoint endpoint, TrustDecision trust, RpClientOptions options) {
    this(endpoint, client(trust, options));
  }

  /** Over a given HTTP client: for tests that answer from an interceptor, without a network. */
  RpHttp(RpEndpoint endpoint, OkHttpClient http) {
    this.endpoint = endpoint;
    this.http = http;
  }

  private static OkHttpClient client(TrustDecision trust, RpClientOptions options) {
    CertificatePinning pinning = new CertificatePinning(trust);
    return new OkHttpClient.Builder()
        .sslSocketFactory(pinning.socketFactory(), pinning.trustManager())
        .hostnameVerifier(pinning.hostnameVerifier())
        .dns(LoopbackDns.INSTANCE)
        .connectTimeout(options.connectTimeout())
        .readTimeout(options.readTimeout())
        .writeTimeout(options.readTimeout())
        .callTimeout(options.callTimeout())
        .retryOnConnectionFailure(false) // we retry idempotent reads ourselves, once
        .followRedirects(false)
        .build();
  }

  RpEndpoint endpoint() {
    return endpoint;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** An answer: status and body (an empty object for 204). */
  record Answer(int status, JsonNode body) {}

  JsonNode get(String path, Optional<String> token) {
    return send("GET", endpoint.resolve(path), token, Optional.empty(), true).body();
  }

  JsonNode post(String path, Optional<String> token, Object body) {
    return send("POST", endpoint.resolve(path), token, Optional.ofNullable(body), false).body();
  }

  /**
   * POSTs a body that holds a secret, already serialised to {@code json}; zeroes {@code json} once
   * the exchange is over, whatever its outcome.
   */
  JsonNode postSecret(String path, Optional<String> token, byte[] json) {
    try {
      return send("POST", endpoint.resolve(path), token, Optional.of(new SecretJson(json)), false)
          .body();
    } finally {
      Arrays.fill(json, (byte) 0);
    }
  }

  /** A request body serialised by the caller (so that no String copy of a secret exists). */
  private record SecretJson(byte[] bytes) {}

  JsonNode patch(String path, Optional<String> token, Object body) {
    return send("PATCH", endpoint.resolve(path), token, Optional.of(body), false).body();
  }

  JsonNode delete(String path, Optional<String> token) {
    return send("DELETE", endpoint.resolve(path), token, Optional.empty(), false).body();
  }

  /** Sends and returns any status; errors (4xx/5xx) are thrown by the caller's choice. */
  Answer sendRaw(String method, String path, Optional<String> token, Optional<Object> body) {
    return exchange(method, endpoint.resolve(path), token, body, false);
  }

  private Answer send(
      String method, HttpUrl url, Optional<String> token, Optional<Object> body, boolean idem) {
    return exchange(method, url, token, body, idem);
  }

  private Answer exchange(
      String method, HttpUrl url, Optional<String> token, Optional<Object> body, boolean idem) {
    Request request = request(method, url, token, body);
    int attempts = idem ? 2 : 1;
    for (int attempt = 1; ; attempt++) {
      try (Response response = http.newCall(request).execute()) {
        String text = response.body() == null ? "" : boundedText(response.body(), url);
        if (response.code() >= 400) {
          throw problem(response, text);
        }
        JsonNode parsed = text.isEmpty() ? mapper.createObjectNode() : parse(text, url);
        return new Answer(response.code(), parsed);
      } catch (IOException e) {
        Optional<CertificatePinning.RefusedCertificate> refused = refusedCertificate(e);
        if (refused.isPresent()) {
          throw refused.get().toUserError(endpoint.url());
        }
        if (attempt < attempts && !(e instanceof SSLException)) {
          log.debug("{} {} failed ({}); retrying once", method, url.encodedPath(), e.toString());
          continue;
        }
        throw new RelyingPartyUnreachableException(endpoint.url(), e);
      }
    }
  }

  /**
   * The body as text, refusing more than {@link #MAX_BODY_BYTES}: by its Content-Length when
   * declared, else while reading (chunked answers), so a broken or hostile server cannot make the
   * client buffer without limit.
   */
  static String boundedText(ResponseBody body, HttpUrl url) throws IOException {
    if (body.contentLength() > MAX_BODY_BYTES) {
      throw tooLarge(url, body.contentLength() + " bytes");
    }
    BufferedSource source = body.source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      throw tooLarge(url, "more than " + MAX_BODY_BYTES + " bytes");
    }
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return source.getBuffer().readString(charset);
  }

  private static RelyingPartyException tooLarge(HttpUrl url, String size) {
    return new RelyingPartyException(
        502,
        new Problem(
            "about:blank",
            "Answer too large",
            502,
            Optional.of(
                "the server's answer to "
                    + url.encodedPath()
                    + " is "
                    + size
                    + ", above KeyDesk's limit of 1 MiB; the server or something between you and"
                    + " it is misbehaving. Try again later or tell the server's operator."),
            Optional.empty()));
  }

  private Request request(
      String method, HttpUrl url, Optional<String> token, Optional<Object> body) {
    RequestBody requestBody = null;
    if (body.isPresent() && body.get() instanceof SecretJson secret) {
      requestBody = RequestBody.create(secret.bytes(), JSON);
    } else if (body.isPresent()) {
      try {
        requestBody = RequestBody.create(mapper.writeValueAsString(body.get()), JSON);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the request body", e);
      }
    } else if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
      requestBody = RequestBody.create(new byte[0], null);
    }
    Request.Builder builder =
        new Request.Builder()
            .url(url)
            .method(method, requestBody)
            .header("Accept", "application/json, " + PROBLEM_JSON);
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    return builder.build();
  }

  private JsonNode parse(String text, HttpUrl url) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RelyingPartyException(
          502,
          new Problem(
              "about:blank",
              "The server's answer is not JSON",
              502,
              Optional.of("The answer to " + url.encodedPath() + " is not valid JSON."),
              Optional.empty()));
    }
  }

  private RelyingPartyException problem(Response response, String text) {
    int status = response.code();
    Optional<Long> retryAfter = parseSeconds(response.header("Retry-After"));
    JsonNode body = null;
    try {
      body = text.isEmpty() ? null : mapper.readTree(text);
    } catch (JsonProcessingException e) {
      // not JSON: a proxy's HTML page, say; fall back to the status line
    }
    if (body instanceof ObjectNode object) {
      if (retryAfter.isEmpty() && object.path("retryAfterSeconds").canConvertToLong()) {
        retryAfter = Optional.of(object.path("retryAfterSeconds").asLong());
      }
      return new RelyingPartyException(
          status,
          new Problem(
              textOrNull(object, "type"),
              Optional.ofNullable(textOrNull(object, "title")).orElse(response.message()),
              status,
              Optional.ofNullable(textOrNull(object, "detail"))
                  .or(() -> Optional.ofNullable(textOrNull(object, "errorMessage"))),
              retryAfter));
    }
    return new RelyingPartyException(
        status,
        new Problem("about:blank", response.message(), status, Optional.empty(), retryAfter));
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static Optional<Long> parseSeconds(String header) {
    if (header == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())).toSeconds());
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: rare; the body's retryAfterSeconds covers ours
    }
  }

  private static Optional<CertificatePinning.RefusedCertificate> refusedCertificate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificatePinning.RefusedCertificate refused) {
        return Optional.of(refused);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        Optional<CertificatePinning.RefusedCertificate> found = refusedCertificate(suppressed);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
