package io.keydesk.server.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.keydesk.server.problem.ApiException;
import io.keydesk.server.problem.ProblemType;
import io.keydesk.server.tls.TlsIdentity;
import java.time.Clock;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin application over one TLS-only Jetty connector, with problem+json for every error. */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private HttpApi() {}

  /**
   * Creates (not yet started) the app listening with TLS on {@code host:port} (0 = any port); the
   * FIDO conformance endpoints only when {@code conformance} (else they are 404 like any unknown
   * path).
   */
  public static Javalin create(
      Services services,
      TlsIdentity identity,
      String host,
      int port,
      Clock clock,
      boolean conformance) {
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = 1_000_000L;
              config.jetty.addConnector(
                  (server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStore(identity.keyStore());
                    ssl.setKeyStorePassword(new String(identity.keyStorePassword()));
                    HttpConfiguration https = new HttpConfiguration(httpConfig);
                    SecureRequestCustomizer secure = new SecureRequestCustomizer();
                    secure.setSniHostCheck(false);
                    https.addCustomizer(secure);
                    ServerConnector connector =
                        new ServerConnector(
                            server,
                            new SslConnectionFactory(ssl, "http/1.1"),
                            new HttpConnectionFactory(https));
                    connector.setHost(host);
                    connector.setPort(port);
                    return connector;
                  });
            });
    app.before(ctx -> ctx.header("Cache-Control", "no-store"));
    AccountRoutes.install(app, services, clock);
    SecurityKeyRoutes.install(app, services);
    if (conformance) {
      ConformanceRoutes.install(app, services);
    }
    app.exception(ApiException.class, (e, ctx) -> Problems.render(ctx, e));
    app.exception(
        HttpResponseException.class,
        (e, ctx) ->
            Problems.render(
                ctx,
                forStatus(e.getStatus()),
                e.getStatus() == 404 ? noEndpoint(ctx.method().name(), ctx.path()) : e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
          Problems.render(ctx, ProblemType.INTERNAL, "The server failed; try again later.");
        });
    app.error(
        404,
        ctx -> {
          if (!Problems.alreadyRendered(ctx)) {
            Problems.render(
                ctx, ProblemType.NOT_FOUND, noEndpoint(ctx.method().name(), ctx.path()));
          }
        });
    app.error(
        405,
        ctx -> {
          if (!Problems.alreadyRendered(ctx)) {
            Problems.render(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed.");
          }
        });
    return app;
  }

  private static String noEndpoint(String method, String path) {
    return "No endpoint " + method + " " + path + ". The API is described in docs/rp-api.md.";
  }

  private static ProblemType forStatus(int status) {
    return switch (status) {
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 401 -> ProblemType.UNAUTHENTICATED;
      default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.INVALID_REQUEST;
    };
  }
}
