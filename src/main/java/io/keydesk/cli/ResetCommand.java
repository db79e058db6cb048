package io.keydesk.cli;

import io.keydesk.app.DeviceSession;
import io.keydesk.app.ResetFlow;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.hid.DeviceDescriptor;
import io.keydesk.hid.DeviceDiscovery;
import io.keydesk.hid.TransportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keydesk reset}: the guided reset of {@link ResetFlow}. */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Erase every credential and the PIN on the key. Guided: confirm, remove and re-insert",
      "the key (keys accept a reset only within seconds of power-up), check it is the same key,",
      "then touch it."
    })
final class ResetCommand implements Callable<Integer> {
  @ParentCommand KeyDeskCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--yes",
      description =
          "Do not ask, and do not wait for a re-plug: reset at once (for scripted simulators).")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Sessions.Located located = Sessions.locate(root);
    try (DeviceDiscovery discovery = located.discovery();
        DeviceSession session =
            DeviceSession.open(
                discovery.open(located.descriptor()), DeviceChoice.TOUCH_TIMEOUT)) {
      ResetFlow flow =
          new ResetFlow(
              devices(discovery),
              interaction(out, err),
              Clock.systemUTC(),
              ResetFlow.Sleeper.SYSTEM,
              ResetFlow.Timing.DEFAULT);
      ResetFlow.Outcome outcome = flow.run(session, located.descriptor(), !yes, !yes);
      if (outcome.step() == ResetFlow.Step.CANCELLED) {
        out.println(outcome.message());
        return KeyDeskCommand.EXIT_FAILED;
      }
      if (!outcome.succeeded()) {
        throw new CtapException(CtapStatus.NOT_ALLOWED, outcome.message());
      }
      out.println(outcome.message());
    }
    return KeyDeskCommand.EXIT_OK;
  }

  private static ResetFlow.Devices devices(DeviceDiscovery discovery) {
    return new ResetFlow.Devices() {
      @Override
      public List<DeviceDescriptor> list() {
        return discovery.list();
      }

      @Override
      public DeviceSession open(DeviceDescriptor device) throws TransportException, CtapException {
        return DeviceSession.open(discovery.open(device), DeviceChoice.TOUCH_TIMEOUT);
      }
    };
  }

  private static ResetFlow.Interaction interaction(PrintWriter out, PrintWriter err) {
    return new ResetFlow.Interaction() {
      @Override
      public boolean confirm(String warning) {
        err.println(warning);
        err.print("Type 'yes' to reset the key: ");
        err.flush();
        try {
          String answer =
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                  .readLine();
          return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
        } catch (IOException e) {
          return false;
        }
      }

      @Override
      public void instruct(String message) {
        err.println(message);
        err.flush();
      }

      @Override
      public void promptTouch(String message) {
        err.println(message);
        err.flush();
      }
    };
  }
}
