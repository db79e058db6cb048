package io.keydesk.server.http;

import io.javalin.http.Context;
import io.keydesk.server.account.Authenticated;
import io.keydesk.server.account.SessionService;
import io.keydesk.server.json.Json;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;

/** Reading requests and writing JSON answers. */
final class Bodies {
  private Bodies() {}

  static <T> T read(Context ctx, Class<T> type) {
    String body = ctx.body();
    String contentType = ctx.contentType();
    if (!body.isBlank()
        && (contentType == null || !contentType.toLowerCase().startsWith("application/json"))) {
      throw new ApiException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as Content-Type: application/json.");
    }
    return Json.read(body, type);
  }

  static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  /** The caller from "Authorization: Bearer <token>". */
  static Authenticated caller(Context ctx, SessionService sessions) {
    String header = ctx.header("Authorization");
    String prefix = "Bearer ";
    if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new ApiException(
          ProblemType.UNAUTHENTICATED,
          "Send 'Authorization: Bearer <token>'; POST /api/v1/sessions to log in.");
    }
    return sessions.authenticate(header.substring(prefix.length()).trim());
  }
}
