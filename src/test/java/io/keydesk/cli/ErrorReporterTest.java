package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.hid.TransportException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Unexpected failures become one line that says what to do, never a raw technical message. */
class ErrorReporterTest {
  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    final Throwable failure;

    Boom(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Exception e) {
        throw e;
      }
      throw (Error) failure;
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Throwable failure, String... extra) {
    CommandLine cli = KeyDeskCommand.newCommandLine();
    cli.addSubcommand("boom", new Boom(failure));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] args = new String[extra.length + 1];
    System.arraycopy(extra, 0, args, 0, extra.length);
    args[extra.length] = "boom";
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void aNullPointerIsAnInternalError() {
    Run r =
        run(new NullPointerException("Cannot invoke \"String.length()\" because \"s\" is null"));
    assertThat(r.exit()).isEqualTo(KeyDeskCommand.EXIT_FAILED);
    assertThat(r.err())
        .isEqualTo(
            "keydesk: Internal error: NullPointerException: Cannot invoke \"String.length()\""
                + " because \"s\" is null. Run again with --verbose and report it.\n");
  }

  @Test
  void anIllegalStateIsAnInternalError() {
    Run r = run(new IllegalStateException("queue full"));
    assertThat(r.err())
        .isEqualTo(
            "keydesk: Internal error: IllegalStateException: queue full. Run again with --verbose"
                + " and report it.\n");
  }

  @Test
  void ourOwnExceptionsKeepTheirMessages() {
    Run r = run(new TransportException("Nothing answers at udp:127.0.0.1:9; start it."));
    assertThat(r.exit()).isEqualTo(KeyDeskCommand.EXIT_FAILED);
    assertThat(r.err()).isEqualTo("keydesk: Nothing answers at udp:127.0.0.1:9; start it.\n");
    assertThat(run(new CommandFailure("No password given.")).err())
        .isEqualTo("keydesk: No password given.\n");
  }

  @Test
  void aLinkageErrorPointsAtTheNativeHidLibraryWithoutAStackTrace() {
    Run r = run(new UnsatisfiedLinkError("Unable to load library 'hidapi'"));
    assertThat(r.exit()).isEqualTo(KeyDeskCommand.EXIT_FAILED);
    assertThat(r.err())
        .startsWith("keydesk: The native HID library (hidapi, bundled with hid4java) cannot be")
        .contains("UnsatisfiedLinkError: Unable to load library 'hidapi'")
        .contains("--device udp:HOST:PORT")
        .doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);

    Run verbose = run(new UnsatisfiedLinkError("Unable to load library 'hidapi'"), "--verbose");
    assertThat(verbose.err()).contains("\tat ");
  }
}
