package io.keydesk.server.http;

import io.javalin.http.Context;
import io.keydesk.server.json.Json;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders errors as RFC 9457 problem details ({@code application/problem+json}). */
final class Problems {
  static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  static void render(Context ctx, ApiException error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", error.type().uri());
    body.put("title", error.type().title());
    body.put("status", error.type().status());
    body.put("detail", error.getMessage());
    body.put("instance", ctx.path());
    body.putAll(error.extensions());
    error.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(d.toSeconds())));
    ctx.status(error.type().status()).contentType(CONTENT_TYPE).result(Json.write(body));
  }

  static void render(Context ctx, ProblemType type, String detail) {
    render(ctx, new ApiException(type, detail));
  }

  static boolean alreadyRendered(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith(CONTENT_TYPE);
  }
}
