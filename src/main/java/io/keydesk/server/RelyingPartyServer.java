package io.keydesk.server;

import io.javalin.Javalin;
import io.keydesk.server.account.AccountService;
import io.keydesk.server.account.CodeMac;
import io.keydesk.server.account.PasswordHasher;
import io.keydesk.server.account.SessionService;
import io.keydesk.server.http.HttpApi;
import io.keydesk.server.http.Services;
import io.keydesk.server.login.LoginService;
import io.keydesk.server.ratelimit.RateLimiter;
import io.keydesk.server.store.BackupCodeDao;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.Database;
import io.keydesk.server.store.SessionDao;
import io.keydesk.server.store.SudoCodeDao;
import io.keydesk.server.store.TotpDao;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.sudo.SudoService;
import io.keydesk.server.tls.SelfSignedCertificates;
import io.keydesk.server.tls.TlsIdentity;
import io.keydesk.server.totp.BackupCodeService;
import io.keydesk.server.totp.TotpService;
import io.keydesk.server.webauthn.ConformanceService;
import io.keydesk.server.webauthn.RelyingParties;
import io.keydesk.server.webauthn.SecurityKeyService;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference relying party of docs/rp-api.md: wires storage, services and the HTTPS API, and
 * runs until {@link #close()}.
 */
public final class RelyingPartyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelyingPartyServer.class);

  private final Database database;
  private final Javalin app;
  private final TlsIdentity identity;
  private final int port;

  private RelyingPartyServer(Database database, Javalin app, TlsIdentity identity, int port) {
    this.database = database;
    this.app = app;
    this.identity = identity;
    this.port = port;
  }

  /** Opens the data directory (database, certificate) and starts listening. */
  public static RelyingPartyServer start(ServerOptions options) {
    Clock clock = options.clock();
    TlsIdentity identity =
        SelfSignedCertificates.loadOrCreate(options.dataDirectory(), options.rpId(), clock);
    CodeMac codeMac = CodeMac.loadOrCreate(options.dataDirectory());
    Database database = Database.open(options.dataDirectory());
    try {
      Services services = services(database, codeMac, options, clock);
      Javalin app =
          HttpApi.create(
                  services,
                  identity,
                  options.bindHost(),
                  options.port(),
                  clock,
                  options.conformance())
              .start();
      int port = boundPort(app);
      LOG.info(
          "Relying party {} listening on https://{}:{}{}",
          options.rpId(),
          options.bindHost(),
          port,
          options.conformance() ? " (FIDO conformance endpoints on)" : "");
      return new RelyingPartyServer(database, app, identity, port);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static Services services(
      Database db, CodeMac codeMac, ServerOptions options, Clock clock) {
    RateLimiter limiter = new RateLimiter(clock);
    UserDao users = new UserDao(db);
    SessionService sessions = new SessionService(new SessionDao(db), users, clock);
    AccountService accounts = new AccountService(db, new PasswordHasher(), limiter, clock);
    RelyingParties parties =
        new RelyingParties(options.rpId(), "KeyDesk", users, new CredentialDao(db), clock);
    SecurityKeyService keys = new SecurityKeyService(db, parties, accounts::twoFactor, clock);
    TotpService totp = new TotpService(new TotpDao(db), limiter, clock);
    BackupCodeService backupCodes = new BackupCodeService(new BackupCodeDao(db), codeMac, clock);
    LoginService logins =
        new LoginService(accounts, sessions, keys, totp, backupCodes, users, limiter, clock);
    SudoService sudo =
        new SudoService(new SudoCodeDao(db), codeMac, sessions, options.mailer(), limiter, clock);
    return new Services(
        accounts,
        sessions,
        logins,
        sudo,
        keys,
        totp,
        backupCodes,
        new ConformanceService(db, parties, clock),
        limiter);
  }

  private static int boundPort(Javalin app) {
    for (Connector connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof ServerConnector server) {
        return server.getLocalPort();
      }
    }
    throw new IllegalStateException("The server has no TCP connector");
  }

  public int port() {
    return port;
  }

  public X509Certificate certificate() {
    return identity.certificate();
  }

  /** SHA-256 fingerprint of the TLS certificate, "AB:CD:...". */
  public String fingerprint() {
    return identity.sha256Fingerprint();
  }

  @Override
  public void close() {
    app.stop();
    database.close();
  }
}
