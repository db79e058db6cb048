package io.keydesk.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.keydesk.server.json.Json;
import io.keydesk.server.problem.ApiException;
import java.util.function.Function;

/**
 * The FIDO conformance server API. Its own answer format: {@code status: "ok" | "failed"} and
 * {@code errorMessage}; failures are HTTP 400.
 */
final class ConformanceRoutes {
  private ConformanceRoutes() {}

  static void install(Javalin app, Services s) {
    route(app, "/attestation/options", s.conformance()::attestationOptions);
    route(app, "/attestation/result", s.conformance()::attestationResult);
    route(app, "/assertion/options", s.conformance()::assertionOptions);
    route(app, "/assertion/result", s.conformance()::assertionResult);
  }

  private static void route(Javalin app, String path, Function<JsonNode, ObjectNode> handler) {
    app.post(
        path,
        ctx -> {
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
