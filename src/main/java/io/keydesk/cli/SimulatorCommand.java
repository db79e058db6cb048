package io.keydesk.cli;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.StateFile;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keydesk simulator}: serves the software authenticator over UDP (device 127.0.0.1:8111,
 * host 127.0.0.1:7112, one 64-byte report per datagram) until interrupted.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = {
      "Run KeyDesk's software authenticator over UDP, like open-source firmware simulators:",
      "the device listens on 127.0.0.1:PORT and replies to 127.0.0.1:HOST-PORT, one 64-byte",
      "HID report per datagram. Stop it with Ctrl-C.",
      "Type 'unplug', 'plug' or 'replug' (then Enter) to simulate removing and re-inserting the",
      "key: 'plug' powers it up again, which restarts the 10-second window for a reset."
    })
final class SimulatorCommand implements Callable<Integer> {
  private static final long SHUTDOWN_GRACE_SECONDS = 5;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8111",
      paramLabel = "PORT",
      description = "UDP port of the simulated device on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host-port",
      defaultValue = "7112",
      paramLabel = "PORT",
      description = "UDP port on 127.0.0.1 the replies go to (default: ${DEFAULT-VALUE}).")
  int hostPort;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "Keep the authenticator's identity in FILE (created if missing). Without it, every run"
              + " is a new authenticator.")
  Path stateFile;

  @Option(
      names = "--presence",
      defaultValue = "approve",
      paramLabel = "POLICY",
      converter = PresenceConverter.class,
      description =
          "What a request for a touch gets: approve, deny, or delay:MS (approve after MS"
              + " milliseconds). Default: ${DEFAULT-VALUE}.")
  UserPresence presence;

  @Override
  public Integer call() throws Exception {
    checkPort("--port", port);
    checkPort("--host-port", hostPort);
    SoftwareAuthenticator.Builder builder =
        SoftwareAuthenticator.builder().userPresence(presence).handler(Ctap2CommandHandler::new);
    AuthenticatorState state;
    if (stateFile == null) {
      state = AuthenticatorState.generate();
    } else {
      StateFile file = new StateFile(stateFile);
      state = file.loadOrCreate(AuthenticatorState::generate);
      builder.stateFile(file);
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopRequested.countDown();
              awaitQuietly(stopped);
            },
            "keydesk-simulator-shutdown");
    try (SoftwareAuthenticator authenticator = builder.state(state).build();
        PluggableServer server =
            new PluggableServer(authenticator, UdpSimulatorServer.Config.ports(port, hostPort))) {
      authenticator.responder().addWinkListener(() -> printLine(out, "Wink."));
      printLine(
          out,
          "KeyDesk software authenticator on udp:"
              + address(server.deviceAddress())
              + " (host "
              + address(server.config().host())
              + "), AAGUID "
              + state.aaguidUuid());
      Runtime.getRuntime().addShutdownHook(hook);
      startConsole(server, out);
      try {
        stopRequested.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        removeHook(hook);
      }
    } finally {
      // after the resources are closed; the shutdown hook waits for this before the JVM halts
      printLine(out, "Simulator stopped.");
      stopped.countDown();
    }
    return KeyDeskCommand.EXIT_OK;
  }

  /**
   * Reads 'unplug', 'plug' and 'replug' typed at the terminal, on a daemon thread. Only when a
   * terminal is attached: without one, standard input may belong to someone else (a test
   * harness's control channel, a pipeline), and a background reader would swallow it.
   */
  private static void startConsole(PluggableServer server, PrintWriter out) {
    if (System.console() == null) {
      return;
    }
    Thread console =
        new Thread(
            () -> {
              BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
              try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  printLine(out, server.command(line.trim()));
                }
              } catch (IOException e) {
                // standard input closed: nothing more to read
              }
            },
            "keydesk-simulator-console");
    console.setDaemon(true);
    console.start();
  }

  private void checkPort(String option, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid value for option '" + option + "': " + value + " is not a port (0-65535).");
    }
  }

  private static synchronized void printLine(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }

  private static String address(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // the JVM is already shutting down (SIGTERM, Ctrl-C): the hook is running
    }
  }

  /** The UDP server of a simulated key that can be pulled out and plugged in again. */
  static final class PluggableServer implements AutoCloseable {
    private final SoftwareAuthenticator authenticator;
    private final UdpSimulatorServer.Config config;
    private UdpSimulatorServer server;

    PluggableServer(SoftwareAuthenticator authenticator, UdpSimulatorServer.Config config)
        throws IOException {
      this.authenticator = authenticator;
      this.server = UdpSimulatorServer.start(authenticator.responder(), config);
      // with port 0 the first start chose the port; plugging in again keeps it
      this.config =
          new UdpSimulatorServer.Config(
              server.deviceAddress(), config.host(), config.replyToSender());
    }

    synchronized InetSocketAddress deviceAddress() {
      return config.device();
    }

    UdpSimulatorServer.Config config() {
      return config;
    }

    /** Runs one console command and returns what to tell the user. */
    synchronized String command(String command) {
      switch (command) {
        case "unplug":
          if (server == null) {
            return "The key is already unplugged; type 'plug' to plug it in.";
          }
          server.close();
          server = null;
          return "Unplugged: the key no longer answers.";
        case "plug":
          if (server != null) {
            return "The key is already plugged in; type 'replug' to remove and re-insert it.";
          }
          return plugIn();
        case "replug":
          if (server != null) {
            server.close();
            server = null;
          }
          return plugIn();
        case "":
          return "Commands: unplug, plug, replug.";
        default:
          return "Unknown command '" + command + "'. Commands: unplug, plug, replug.";
      }
    }

    private String plugIn() {
      try {
        authenticator.replug();
        server = UdpSimulatorServer.start(authenticator.responder(), config);
        return "Plugged in (powered up): a reset is allowed for the next 10 seconds.";
      } catch (IOException e) {
        return "Could not plug the key back in: " + e.getMessage();
      }
    }

    @Override
    public synchronized void close() {
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }

  /** Parses --presence with a usage error (exit 2) that lists the accepted forms. */
  static final class PresenceConverter implements CommandLine.ITypeConverter<UserPresence> {
    @Override
    public UserPresence convert(String value) {
      try {
        return UserPresence.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
