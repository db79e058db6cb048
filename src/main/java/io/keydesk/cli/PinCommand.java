package io.keydesk.cli;

import io.keydesk.app.DeviceSession;
import io.keydesk.app.PinService;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keydesk pin set|change|retries|verify}. */
@Command(
    name = "pin",
    mixinStandardHelpOptions = true,
    description = "Set, change or check the security key's PIN, or show the tries left.",
    subcommands = {
      PinCommand.Set.class,
      PinCommand.Change.class,
      PinCommand.Retries.class,
      PinCommand.Verify.class
    })
final class PinCommand implements Callable<Integer> {
  @ParentCommand KeyDeskCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws UsageException {
    throw new UsageException("Say what to do: keydesk pin set|change|retries|verify");
  }

  /** Shared by the subcommands that read PINs. */
  abstract static class PinAction implements Callable<Integer> {
    @ParentCommand PinCommand pin;
    @Spec CommandSpec spec;

    @Option(
        names = "--pin-stdin",
        description =
            "Read the PIN from standard input, one line per PIN, instead of prompting (for"
                + " scripts).")
    boolean pinStdin;

    char[] readPin(String prompt) throws UsageException, IOException {
      return new SecretInput(System.in, err()).readPin(prompt, pinStdin);
    }

    char[] readNewPin(String prompt) throws UsageException, IOException {
      return new SecretInput(System.in, err()).readNewPin(prompt, pinStdin);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    void warnIfFewTries(PinService service) throws Exception {
      service.warningBeforePrompt().ifPresent(w -> err().println("keydesk: " + w));
      err().flush();
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set a PIN on a key that has none.")
  static final class Set extends PinAction {
    @Override
    public Integer call() throws Exception {
      try (DeviceSession session = Sessions.openForTouch(pin.root)) {
        PinService service = new PinService(session);
        char[] newPin = readNewPin("New PIN (" + service.rules().describe() + "): ");
        out().println(service.setPin(newPin));
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }

  @Command(
      name = "change",
      mixinStandardHelpOptions = true,
      description = {
        "Change the PIN. With --pin-stdin: the current PIN on the first line, the new one on",
        "the second."
      })
  static final class Change extends PinAction {
    @Override
    public Integer call() throws Exception {
      try (DeviceSession session = Sessions.openForTouch(pin.root)) {
        PinService service = new PinService(session);
        warnIfFewTries(service);
        char[] current = readPin("Current PIN: ");
        char[] next;
        try {
          next = readNewPin("New PIN (" + service.rules().describe() + "): ");
        } catch (UsageException e) {
          Arrays.fill(current, '\0');
          throw e;
        }
        out().println(service.changePin(current, next));
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check a PIN (a wrong PIN uses up one of the key's tries).")
  static final class Verify extends PinAction {
    @Override
    public Integer call() throws Exception {
      try (DeviceSession session = Sessions.openForTouch(pin.root)) {
        PinService service = new PinService(session);
        warnIfFewTries(service);
        out().println(service.verify(readPin("PIN: ")));
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }

  @Command(
      name = "retries",
      mixinStandardHelpOptions = true,
      description = "Show how many PIN tries are left.")
  static final class Retries implements Callable<Integer> {
    @ParentCommand PinCommand pin;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (DeviceSession session = Sessions.openForTouch(pin.root)) {
        spec.commandLine().getOut().println(new PinService(session).retriesMessage());
      }
      return KeyDeskCommand.EXIT_OK;
    }
  }
}
