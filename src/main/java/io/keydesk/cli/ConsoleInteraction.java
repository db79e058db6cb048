package io.keydesk.cli;

import io.keydesk.webauthn.PinRequest;
import io.keydesk.webauthn.UserInteraction;
import io.keydesk.webauthn.UvRequest;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Prompts on stderr, PIN from the terminal without echo, or (with --pin-stdin) one line of standard
 * input, for scripts. A PIN read from stdin is used once: a wrong PIN is not retried, since a
 * script would only send the same one again.
 */
final class ConsoleInteraction implements UserInteraction {
  private final PrintWriter err;
  private final Optional<SecretInput> pinInput;
  private boolean pinUsed;

  /** {@code pinInput}: where --pin-stdin reads the PIN from; empty to ask on the terminal. */
  ConsoleInteraction(PrintWriter err, Optional<SecretInput> pinInput) {
    this.err = err;
    this.pinInput = pinInput;
  }

  @Override
  public void promptTouch() {
    err.println("Touch your security key.");
    err.flush();
  }

  @Override
  public Optional<char[]> requestPin(PinRequest request) {
    if (pinInput.isPresent()) {
      if (pinUsed) {
        request.problem().ifPresent(err::println);
        err.flush();
        return Optional.empty();
      }
      pinUsed = true;
      try {
        Optional<char[]> pin = pinInput.get().readStdinLine("PIN");
        if (pin.isEmpty() || pin.get().length == 0) {
          err.println("keydesk: --pin-stdin: standard input ended before a PIN.");
          err.flush();
          return Optional.empty();
        }
        return pin;
      } catch (UsageException e) {
        err.println("keydesk: " + e.getMessage());
        err.flush();
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read the PIN from standard input (" + e.getMessage() + ").", e);
      }
    }
    Console console = System.console();
    if (console == null) {
      err.println(
          "keydesk: the key needs its PIN, but there is no terminal to ask for it; pass it on"
              + " standard input with --pin-stdin.");
      err.flush();
      return Optional.empty();
    }
    char[] pin = console.readPassword("%s ", request.prompt());
    return pin == null || pin.length == 0 ? Optional.empty() : Optional.of(pin);
  }

  @Override
  public boolean requestUv(UvRequest request) {
    err.println(
        "Verify with your fingerprint on the security key"
            + request.retriesLeft().map(n -> " (" + n + " tries left)").orElse("")
            + ".");
    err.flush();
    return true;
  }
}
