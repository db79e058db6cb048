package io.keydesk.cli;

import io.keydesk.app.DeviceSession;
import io.keydesk.app.InfoSummary;
import io.keydesk.app.PinService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keydesk info}: everything the key's getInfo says, plus its PIN retries. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Show what the security key says about itself (authenticatorGetInfo): versions, options,",
      "extensions, PIN state and retries, free discoverable-credential slots, firmware,",
      "algorithms and limits."
    })
final class InfoCommand implements Callable<Integer> {
  @ParentCommand KeyDeskCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print every getInfo member as JSON on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (DeviceSession session = Sessions.open(root)) {
      InfoSummary summary =
          InfoSummary.of(session.describe(), session.info(), new PinService(session).retries());
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? summary.toJson() + System.lineSeparator() : summary.toText());
      out.flush();
    }
    return KeyDeskCommand.EXIT_OK;
  }
}
