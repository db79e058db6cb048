package io.keydesk.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.keydesk.server.json.Json;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.ratelimit.RateLimits;
import java.util.function.Function;

/**
 * The FIDO conformance server API, installed only with {@code keydesk server --conformance}. Its
 * own answer format: {@code status: "ok" | "failed"} and {@code errorMessage}; failures are HTTP
 * 400. The endpoints are unauthenticated, so each client IP gets a token bucket ({@link
 * RateLimits#CONFORMANCE_PER_IP}); an empty bucket is the usual 429 problem with Retry-After.
 */
final class ConformanceRoutes {
  private ConformanceRoutes() {}

  static void install(Javalin app, Services s) {
    route(app, s, "/attestation/options", s.conformance()::attestationOptions);
    route(app, s, "/attestation/result", s.conformance()::attestationResult);
    route(app, s, "/assertion/options", s.conformance()::assertionOptions);
    route(app, s, "/assertion/result", s.conformance()::assertionResult);
  }

  private static void route(
      Javalin app, Services s, String path, Function<JsonNode, ObjectNode> handler) {
    app.post(
        path,
        ctx -> {
          s.limiter().take(RateLimits.CONFORMANCE_PER_IP, ctx.ip(), "conformance requests");
          try {
            JsonNode body = Json.read(ctx.body(), JsonNode.class);
            Bodies.json(ctx, 200, handler.apply(body));
          } catch (ApiException e) {
            failed(ctx, e.getMessage());
          }
        });
  }

  private static void failed(Context ctx, String message) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("status", "failed");
    body.put("errorMessage", message);
    Bodies.json(ctx, 400, body);
  }
}
