package io.keydesk.app;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.ResponderOptions;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.server.RelyingPartyServer;
import io.keydesk.server.ServerOptions;
import io.keydesk.server.mail.Mailer;
import io.keydesk.server.mail.OutboxMailer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode ({@code keydesk --demo}): the reference relying party on loopback (ephemeral port,
 * temporary data, emails to an outbox whose codes the demo shows), a demo account on it, and the
 * software authenticator served over UDP on an ephemeral port, so it shows up as a device. A
 * "touch" of the virtual key is a button in the GUI: {@link #touchVirtualKey()}.
 */
public final class DemoEnvironment implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);
  public static final String DEMO_EMAIL = "demo@example.com";
  public static final String DEMO_PASSWORD = "correct horse battery staple";
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  private final Path directory;
  private final RelyingPartyServer server;
  private final SoftwareAuthenticator authenticator;
  private final UdpSimulatorServer simulator;
  private final AtomicReference<CompletableFuture<Boolean>> pendingTouch = new AtomicReference<>();
  private final CopyOnWriteArrayList<Consumer<Boolean>> touchListeners =
      new CopyOnWriteArrayList<>();

  private DemoEnvironment(Path directory, Builder parts) {
    this.directory = directory;
    this.server = parts.server;
    this.authenticator = parts.authenticator;
    this.simulator = parts.simulator;
  }

  private static final class Builder {
    RelyingPartyServer server;
    SoftwareAuthenticator authenticator;
    UdpSimulatorServer simulator;
  }

  /** Starts everything; the caller closes it. Takes a second or two (key generation, TLS). */
  public static DemoEnvironment start() throws IOException {
    Path directory = Files.createTempDirectory("keydesk-demo-");
    Builder parts = new Builder();
    DemoEnvironment[] self = new DemoEnvironment[1];
    AtomicReference<String> code = new AtomicReference<>();
    OutboxMailer outbox = new OutboxMailer(directory.resolve("outbox"), "demo-rp@localhost");
    Mailer mailer =
        (to, subject, body) -> {
          outbox.send(to, subject, body);
          Matcher m = CODE.matcher(body);
          if (m.find()) {
            code.set(m.group(1));
          }
        };
    try {
      parts.server =
          RelyingPartyServer.start(
              new ServerOptions(
                  directory.resolve("rp"),
                  ServerOptions.DEFAULT_RP_ID,
                  "127.0.0.1",
                  0,
                  mailer,
                  Clock.systemUTC()));
      parts.authenticator =
          SoftwareAuthenticator.builder()
              .state(AuthenticatorState.generate())
              .handler(Ctap2CommandHandler::new)
              .userPresence(request -> self[0].requestTouch())
              .build();
      parts.simulator =
          UdpSimulatorServer.start(
              parts.authenticator.responder(),
              UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
      DemoEnvironment demo = new DemoEnvironment(directory, parts);
      self[0] = demo;
      demo.lastCodeSource = code;
      demo.signUp();
      LOG.info("Demo: RP on {}, virtual key on {}", demo.rpUrl(), demo.virtualKeyId());
      return demo;
    } catch (IOException | RuntimeException e) {
      closeQuietly(parts);
      deleteQuietly(directory);
      throw e;
    }
  }

  private AtomicReference<String> lastCodeSource = new AtomicReference<>();

  private CompletableFuture<Boolean> requestTouch() {
    CompletableFuture<Boolean> touch = new CompletableFuture<>();
    CompletableFuture<Boolean> previous = pendingTouch.getAndSet(touch);
    if (previous != null) {
      previous.complete(false);
    }
    touchListeners.forEach(l -> l.accept(true));
    touch.whenComplete(
        (result, error) -> {
          pendingTouch.compareAndSet(touch, null);
          touchListeners.forEach(l -> l.accept(false));
        });
    return touch;
  }

  /** Approves the virtual key's pending request for presence; false when none is pending. */
  public boolean touchVirtualKey() {
    CompletableFuture<Boolean> touch = pendingTouch.get();
    return touch != null && touch.complete(true);
  }

  /** Whether the virtual key is waiting for a touch now. */
  public boolean isWaitingForTouch() {
    return pendingTouch.get() != null;
  }

  /** Told true when the virtual key starts waiting for a touch, false when it stops. */
  public void onTouchWaiting(Consumer<Boolean> listener) {
    touchListeners.add(listener);
  }

  /** The latest six-digit code the RP emailed (sudo), so the demo can show it. */
  public Optional<String> lastEmailedCode() {
    return Optional.ofNullable(lastCodeSource.get());
  }

  /** https://localhost:PORT */
  public String rpUrl() {
    return "https://localhost:" + server.port();
  }

  /** The SHA-256 fingerprint of the RP's self-signed certificate ("AB:CD:..."). */
  public String rpFingerprint() {
    return server.fingerprint();
  }

  /** The virtual key as a discovery id: udp:127.0.0.1:PORT/0 (replies to any host port). */
  public String virtualKeyId() {
    InetSocketAddress device = simulator.deviceAddress();
    return "udp:" + device.getAddress().getHostAddress() + ":" + device.getPort() + "/0";
  }

  /** The virtual key's device version as its CTAPHID_INIT reply reports it (major.minor.build). */
  public String virtualKeyVersion() {
    ResponderOptions.DeviceVersion version = authenticator.responder().options().version();
    return version.major() + "." + version.minor() + "." + version.build();
  }

  /** Where the demo keeps its data (deleted on close). */
  public Path directory() {
    return directory;
  }

  private void signUp() throws IOException {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("demo-rp", server.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, factory.getTrustManagers(), null);
      HttpClient client =
          HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(rpUrl() + "/api/v1/accounts"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"email\":\"" + DEMO_EMAIL + "\",\"password\":\"" + DEMO_PASSWORD + "\"}"))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IOException(
            "The demo RP refused the demo account (" + response.statusCode() + "): "
                + response.body());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot trust the demo RP's certificate: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while creating the demo account", e);
    }
  }

  private static void closeQuietly(Builder parts) {
    if (parts.simulator != null) {
      parts.simulator.close();
    }
    if (parts.authenticator != null) {
      parts.authenticator.close();
    }
    if (parts.server != null) {
      parts.server.close();
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", directory, e.getMessage());
    }
  }

  @Override
  public void close() {
    CompletableFuture<Boolean> touch = pendingTouch.get();
    if (touch != null) {
      touch.complete(false);
    }
    Builder parts = new Builder();
    parts.server = server;
    parts.authenticator = authenticator;
    parts.simulator = simulator;
    closeQuietly(parts);
    deleteQuietly(directory);
  }
}
