package io.keydesk.cli;

import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.TransportException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keydesk ping}: CTAPHID_PING with random bytes, checking the echo and timing it. */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    description = "Send random bytes to the key (CTAPHID_PING), check the echo and time it.")
final class PingCommand implements Callable<Integer> {
  @ParentCommand KeyDeskCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Bytes to send, 0 to 7609 (default: ${DEFAULT-VALUE}).")
  int size;

  @Override
  public Integer call() throws Exception {
    if (size < 0 || size > CtapHidFrames.MAX_MESSAGE) {
      throw new UsageException(
          "--size must be 0 to " + CtapHidFrames.MAX_MESSAGE + " bytes, got " + size);
    }
    byte[] data = new byte[size];
    ThreadLocalRandom.current().nextBytes(data);
    try (CtapHidDevice device = DeviceChoice.open(root)) {
      long start = System.nanoTime();
      byte[] echo = device.ping(data);
      double millis = (System.nanoTime() - start) / 1e6;
      if (!Arrays.equals(data, echo)) {
        throw new TransportException(
            device.describe()
                + " echoed "
                + echo.length
                + " bytes that differ from the "
                + size
                + " sent; the key or its connection is faulty; re-insert it and try again.");
      }
      spec.commandLine()
          .getOut()
          .println(
              String.format(
                  Locale.ROOT,
                  "Ping %s: %d bytes echoed in %.2f ms",
                  device.describe(),
                  size,
                  millis));
    }
    return KeyDeskCommand.EXIT_OK;
  }
}
