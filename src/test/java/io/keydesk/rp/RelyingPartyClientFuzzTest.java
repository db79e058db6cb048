package io.keydesk.rp;

import static io.keydesk.testing.FuzzContract.returnsOrThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fuzzes the RP client's reading of server answers (DESIGN.md testing tier 8): JSON bodies,
 * problem+json errors and the Retry-After header, for each call of {@link RelyingPartyClient}. An
 * OkHttp interceptor answers every request with the fuzzer's response, so no socket is involved.
 * Every call returns a value or throws a {@link RelyingPartyException} with a message. Seeds:
 * {@code src/test/resources/io/keydesk/rp/RelyingPartyClientFuzzTestInputs/<method>/}.
 */
class RelyingPartyClientFuzzTest {
  private static final int[] STATUSES = {200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503};
  private static final RpSession SESSION =
      new RpSession("t", Instant.parse("2030-01-01T00:00:00Z"));

  /**
   * Byte 0 picks the call, byte 1 the HTTP status, byte 2 the content type (bit 0: problem+json)
   * and whether the first line of the rest is a Retry-After header (bit 1); the rest is the body.
   */
  @FuzzTest
  void answersParseOrFailTyped(byte[] data) throws Throwable {
    if (data.length < 3) {
      return;
    }
    int call = (data[0] & 0xFF) % 9;
    int status = STATUSES[(data[1] & 0xFF) % STATUSES.length];
    boolean problem = (data[2] & 1) != 0;
    String body = new String(Arrays.copyOfRange(data, 3, data.length), StandardCharsets.UTF_8);
    String retryAfter = null;
    if ((data[2] & 2) != 0) {
      int newline = body.indexOf('\n');
      retryAfter = (newline < 0 ? body : body.substring(0, newline)).replaceAll("[^ -~]", "");
      body = newline < 0 ? "" : body.substring(newline + 1);
    }
    RelyingPartyClient client = client(status, problem, retryAfter, body);
    returnsOrThrows(
        () ->
            switch (call) {
              case 0 -> client.account(SESSION);
              case 1 -> client.requestSudoCode(SESSION);
              case 2 -> client.enterSudo(SESSION, "123456");
              case 3 -> client.keys(SESSION);
              case 4 -> client.beginRegistration(SESSION);
              case 5 -> client.rename(SESSION, "k1", "Blue key");
              case 6 -> client.remove(SESSION, "k1");
              case 7 -> client.logIn("ada@example.com", "pw".toCharArray());
              default -> client.signUp("ada@example.com", "pw".toCharArray());
            },
        RelyingPartyException.class);
  }

  private static RelyingPartyClient client(
      int status, boolean problem, String retryAfter, String body) {
    MediaType type =
        MediaType.get(problem ? "application/problem+json" : "application/json; charset=utf-8");
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Response.Builder response =
                      new Response.Builder()
                          .request(chain.request())
                          .protocol(Protocol.HTTP_1_1)
                          .code(status)
                          .message("Status " + status)
                          .body(ResponseBody.create(body, type));
                  if (retryAfter != null) {
                    response.header("Retry-After", retryAfter);
                  }
                  return response.build();
                })
            .build();
    return new RelyingPartyClient(
        new RpHttp(RpEndpoint.parse("https://rp.example.com"), http));
  }
}
