package io.keydesk.rp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The password travels as bytes written from the char[], and those bytes are zeroed after use. */
class SecretBodyTest {
  @Test
  void credentialsAreWrittenFromTheCharArray() {
    byte[] json = RelyingPartyClient.credentials("a@example.com", "pä\"ss\\wörd".toCharArray());
    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo("{\"email\":\"a@example.com\",\"password\":\"pä\\\"ss\\\\wörd\"}");
  }

  @Test
  void theSentBodyIsZeroedAfterTheExchange() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    try (LoopbackHttpServer server =
        new LoopbackHttpServer(
            exchange -> {
              received.set(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
              LoopbackHttpServer.answer(exchange, 200, "{\"ok\":true}");
            })) {
      RpHttp http =
          new RpHttp(
              RpEndpoint.parse(server.url()), TrustDecision.systemTrust(), RpClientOptions.DEFAULT);
      byte[] body = RelyingPartyClient.credentials("a@example.com", "hunter2".toCharArray());

      http.postSecret("api/v1/sessions", Optional.empty(), body);

      assertThat(received.get()).isEqualTo("{\"email\":\"a@example.com\",\"password\":\"hunter2\"}");
      assertThat(body).containsOnly((byte) 0);
    }
  }
}
