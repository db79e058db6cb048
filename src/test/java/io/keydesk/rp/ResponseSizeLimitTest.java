package io.keydesk.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An answer body above 1 MiB is refused, whether its size is declared or not. */
class ResponseSizeLimitTest {
  private static final int HUGE = 3 * 1024 * 1024;

  private static void huge(HttpExchange exchange, boolean declared) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, declared ? HUGE : 0); // 0: chunked, size unknown
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) ' ');
    try (OutputStream out = exchange.getResponseBody()) {
      out.write('{');
      for (int sent = 1; sent < HUGE - 1; sent += block.length) {
        out.write(block, 0, Math.min(block.length, HUGE - 1 - sent));
      }
      out.write('}');
    } catch (IOException e) {
      // the client hung up once it had seen enough
    }
  }

  private static RpHttp client(LoopbackHttpServer server) {
    return new RpHttp(
        RpEndpoint.parse(server.url()), TrustDecision.systemTrust(), RpClientOptions.DEFAULT);
  }

  @Test
  void aDeclaredHugeBodyIsRefused() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer(e -> huge(e, true))) {
      assertThatThrownBy(() -> client(server).get("api/v1/account", Optional.empty()))
          .isInstanceOf(RelyingPartyException.class)
          .hasMessageContaining("is " + HUGE + " bytes, above KeyDesk's limit of 1 MiB");
    }
  }

  @Test
  void aChunkedHugeBodyIsRefusedWhileReading() throws Exception {
    try (LoopbackHttpServer server = new LoopbackHttpServer(e -> huge(e, false))) {
      assertThatThrownBy(() -> client(server).get("api/v1/account", Optional.empty()))
          .isInstanceOf(RelyingPartyException.class)
          .hasMessageContaining("is more than 1048576 bytes, above KeyDesk's limit of 1 MiB");
    }
  }

  @Test
  void aNormalBodyIsRead() throws Exception {
    try (LoopbackHttpServer server =
        new LoopbackHttpServer(e -> LoopbackHttpServer.answer(e, 200, "{\"email\":\"a@b.c\"}"))) {
      assertThat(client(server).get("api/v1/account", Optional.empty()).get("email").asText())
          .isEqualTo("a@b.c");
    }
  }
}
