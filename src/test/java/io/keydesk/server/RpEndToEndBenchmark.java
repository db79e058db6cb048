package io.keydesk.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keydesk.server.store.CredentialDao;
import io.keydesk.server.store.Database;
import io.keydesk.server.store.StoredCredential;
import io.keydesk.server.store.UserDao;
import io.keydesk.server.store.UserKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * End-to-end WebAuthn throughput on this machine: the reference RP over real HTTPS on loopback
 * (OkHttp, keep-alive), KeyDesk's WebAuthn client and the in-process software authenticator over
 * CTAPHID, one ceremony at a time (one user at one key).
 *
 * <ul>
 *   <li>{@code register}: POST /security-keys/registrations, create(), POST /security-keys (the
 *       key is then deleted in the database directly, outside the split, so the account never
 *       reaches 50 keys and excludeCredentials stays empty).
 *   <li>{@code assertion}: the conformance API's /assertion/options, get(), /assertion/result: a
 *       WebAuthn assertion alone.
 *   <li>{@code loginWithKey}: POST /sessions (password, Argon2id), get(), POST
 *       /sessions/security-key: what a user waits for. The clock moves 2 h per login so the
 *       login-per-email bucket (20 per day) never empties.
 * </ul>
 *
 * At the end of each run it prints the median of the measurement iterations' ops/s and the split
 * of the time between the client side (WebAuthn client + authenticator) and the server side
 * (HTTPS round trips, verification, storage).
 *
 * <p>Run: {@code mvn -q -B -o -Pbench test-compile exec:exec -Dbench.include=RpEndToEndBenchmark
 * -Dbench.args="-f 1 -wi 2 -i 5 -w 3s -r 3s"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RpEndToEndBenchmark {
  private static final String EMAIL = "bench@example.com";
  private static final String CONFORMANCE_USER = "bench-conformance";

  private GreenMail mail;
  private Path dir;
  private RpHarness rp;
  private UserSide key;
  /** Registers in {@code register}: another key, so the logins' key does not exclude it. */
  private UserSide registrar;
  private Database db;
  private long userId;
  private String token;
  private String origin;

  private long clientNanos;
  private long serverNanos;
  private long ops;
  private long iterationOps;
  private long iterationStart;
  private final List<Double> iterationRates = new ArrayList<>();

  @Setup(Level.Trial)
  public void start() throws Exception {
    mail = new GreenMail(ServerSetup.SMTP.dynamicPort());
    mail.start();
    dir = Files.createTempDirectory("keydesk-rp-bench");
    rp = new RpHarness(mail, dir);
    origin = "https://localhost:" + rp.server.port();
    key = UserSide.ctap2();
    registrar = UserSide.ctap2();
    db = Database.open(dir);
    token = rp.account(EMAIL);
    rp.sudo(token, EMAIL);
    userId = new UserDao(db).byEmail(UserKind.ACCOUNT, EMAIL).orElseThrow().id();
    // one key for the logins, one conformance credential for the assertions
    JsonNode begun = rp.post("/api/v1/security-keys/registrations", token, null).body();
    rp.post(
            "/api/v1/security-keys",
            token,
            Map.of(
                "registrationId", begun.path("registrationId").asText(),
                "name", "Bench",
                "credential", key.create(begun.path("publicKey"), origin)))
        .expect(201);
    JsonNode options =
        rp.post("/attestation/options", null, Map.of("username", CONFORMANCE_USER)).body();
    rp.post("/attestation/result", null, key.create(strip(options), origin)).expect(200);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    iterationOps = 0;
    iterationStart = System.nanoTime();
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams params) {
    if (params.getType() == IterationType.MEASUREMENT) {
      iterationRates.add(iterationOps / ((System.nanoTime() - iterationStart) / 1e9));
    }
  }

  @Benchmark
  public Object register() throws Exception {
    long t0 = System.nanoTime();
    JsonNode begun =
        rp.post("/api/v1/security-keys/registrations", token, null).expect(200).body();
    long t1 = System.nanoTime();
    ObjectNode credential = registrar.create(begun.path("publicKey"), origin);
    long t2 = System.nanoTime();
    JsonNode stored =
        rp.post(
                "/api/v1/security-keys",
                token,
                Map.of(
                    "registrationId", begun.path("registrationId").asText(),
                    "name", "Bench",
                    "credential", credential))
            .expect(201)
            .body();
    long t3 = System.nanoTime();
    count(t1 - t0 + t3 - t2, t2 - t1);
    new CredentialDao(db).delete(stored.path("id").asText());
    return stored;
  }

  @Benchmark
  public Object assertion() throws Exception {
    rp.clock.advance(Duration.ofSeconds(1)); // keeps the conformance per-IP bucket full
    long t0 = System.nanoTime();
    JsonNode options =
        rp.post("/assertion/options", null, Map.of("username", CONFORMANCE_USER)).body();
    long t1 = System.nanoTime();
    ObjectNode credential = key.get(strip(options), origin);
    long t2 = System.nanoTime();
    JsonNode result = rp.post("/assertion/result", null, credential).expect(200).body();
    long t3 = System.nanoTime();
    count(t1 - t0 + t3 - t2, t2 - t1);
    return result;
  }

  @Benchmark
  public Object loginWithKey() throws Exception {
    rp.clock.advance(Duration.ofHours(2));
    long t0 = System.nanoTime();
    JsonNode step = rp.login(EMAIL).expect(200).body();
    long t1 = System.nanoTime();
    ObjectNode credential = key.get(step.path("publicKey"), origin);
    long t2 = System.nanoTime();
    JsonNode session =
        rp.post(
                "/api/v1/sessions/security-key",
                null,
                Map.of("loginId", step.path("loginId").asText(), "credential", credential))
            .expect(201)
            .body();
    long t3 = System.nanoTime();
    count(t1 - t0 + t3 - t2, t2 - t1);
    return session;
  }

  private void count(long server, long client) {
    serverNanos += server;
    clientNanos += client;
    ops++;
    iterationOps++;
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    List<StoredCredential> left = new CredentialDao(db).byUser(userId);
    List<Double> rates = new ArrayList<>(iterationRates);
    Collections.sort(rates);
    double median =
        rates.isEmpty()
            ? 0
            : rates.size() % 2 == 1
                ? rates.get(rates.size() / 2)
                : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2;
    double total = clientNanos + serverNanos;
    System.out.printf(
        Locale.ROOT,
        "%n[RpEndToEndBenchmark] %d ops, median of %d measurement iterations %.1f ops/s;"
            + " per op (warmup included): client+authenticator %.2f ms (%.0f%%), server+HTTPS %.2f ms (%.0f%%);"
            + " %d keys left on the account%n",
        ops,
        rates.size(),
        median,
        clientNanos / 1e6 / ops,
        100 * clientNanos / total,
        serverNanos / 1e6 / ops,
        100 * serverNanos / total,
        left.size());
    key.close();
    registrar.close();
    db.close();
    rp.close();
    mail.stop();
    deleteTree(dir);
  }

  private static JsonNode strip(JsonNode options) {
    ObjectNode copy = options.deepCopy();
    copy.remove("status");
    copy.remove("errorMessage");
    return copy;
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      paths.sorted(Collections.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
