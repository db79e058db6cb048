package io.keydesk.nativehid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process that prints one JSON object per line on stdout: waits for a matching line with a
 * deadline (never sleeps), keeps stderr and non-JSON lines for failure messages, and is ended by
 * its own process handle on close.
 */
final class JsonLineProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Marks the end of stdout in the queue; compared by identity, so no line can equal it. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String END = new String("(end of output)");

  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> transcript = new ArrayList<>();
  private final StringBuilder stdout = new StringBuilder();
  private final StringBuilder stderr = new StringBuilder();
  private final Thread out;
  private final Thread err;

  private JsonLineProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.out = new Thread(() -> pump(process.getInputStream(), true), name + "-stdout");
    this.err = new Thread(() -> pump(process.getErrorStream(), false), name + "-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  static JsonLineProcess start(String name, List<String> command, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    return new JsonLineProcess(name, builder.start());
  }

  private void pump(InputStream stream, boolean stdout) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        record((stdout ? "out| " : "err| ") + line);
        synchronized (transcript) {
          (stdout ? this.stdout : this.stderr).append(line).append('\n');
        }
        if (stdout) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      record("(stream closed: " + e.getMessage() + ")");
    } finally {
      if (stdout) {
        lines.add(END);
      }
    }
  }

  private void record(String line) {
    synchronized (transcript) {
      transcript.add(line);
    }
  }

  /** All of stdout so far. */
  String stdout() {
    synchronized (transcript) {
      return stdout.toString();
    }
  }

  /** All of stderr so far. */
  String stderr() {
    synchronized (transcript) {
      return stderr.toString();
    }
  }

  /** Everything the process printed so far, for assertion messages. */
  String transcript() {
    synchronized (transcript) {
      return name + " said:\n  " + String.join("\n  ", transcript);
    }
  }

  /** The next stdout line that matches, skipping others; fails at the deadline or at exit. */
  String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String next = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        throw new AssertionError("no expected output within " + timeout + "; " + transcript());
      }
      if (next == END) {
        lines.add(END);
        throw new AssertionError(name + " ended before the expected output; " + transcript());
      }
      if (matching.test(next)) {
        return next;
      }
    }
  }

  /** The next stdout JSON object that matches, skipping other lines. */
  JsonNode await(Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
    String line = awaitLine(text -> parse(text).filter(matching).isPresent(), timeout);
    return parse(line).orElseThrow();
  }

  private static Optional<JsonNode> parse(String line) {
    if (!line.startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(line));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  JsonNode awaitEvent(String event, Duration timeout) throws InterruptedException {
    return await(node -> event.equals(node.path("event").asText()), timeout);
  }

  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** Waits for the exit and the end of its output; fails (and ends it) at the deadline. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      destroyTree();
      throw new AssertionError(name + " did not exit within " + timeout + "; " + transcript());
    }
    out.join(TimeUnit.SECONDS.toMillis(5));
    err.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  /** Kills the process and whatever it started (a tool under tty_answer.py), by their PIDs. */
  private void destroyTree() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  long pid() {
    return process.pid();
  }

  /** Asks the process to stop (SIGTERM), then kills it if it lingers. */
  void terminate() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        destroyTree();
      }
    } catch (InterruptedException e) {
      destroyTree();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          destroyTree();
        }
      }
    } catch (IOException e) {
      destroyTree();
    } catch (InterruptedException e) {
      destroyTree();
      Thread.currentThread().interrupt();
    }
  }
}
