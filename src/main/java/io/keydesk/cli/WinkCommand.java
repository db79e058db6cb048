package io.keydesk.cli;

import io.keydesk.hid.CtapHidDevice;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keydesk wink}: make the key blink (CTAPHID_WINK) to tell which one it is. */
@Command(
    name = "wink",
    mixinStandardHelpOptions = true,
    description = "Make the security key blink, to tell which one it is.")
final class WinkCommand implements Callable<Integer> {
  @ParentCommand KeyDeskCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (CtapHidDevice device = DeviceChoice.open(root)) {
      device.wink();
      spec.commandLine().getOut().println("Winked " + device.describe() + ": it should blink now.");
    }
    return KeyDeskCommand.EXIT_OK;
  }
}
