package io.keydesk.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one place the CLI reads secrets (PINs, passwords, emailed and one-time codes): as char[],
 * never a String, either from the terminal without echo or, for scripts ({@code --pin-stdin},
 * {@code --password-stdin}, ...), one line per secret from standard input, read byte by byte so the
 * next secret's line stays unread. The caller zeroes what it gets.
 */
final class SecretInput {
  /** A PIN is at most 63 bytes, a password a few hundred; a longer line is refused. */
  private static final int MAX_LINE = 1024;

  private final InputStream in;
  private final PrintWriter err;

  SecretInput(InputStream in, PrintWriter err) {
    this.in = in;
    this.err = err;
  }

  /**
   * One PIN: a line of standard input when {@code fromStdin}, else typed on the terminal after
   * {@code prompt}. Refuses when there is neither.
   */
  char[] readPin(String prompt, boolean fromStdin) throws UsageException, IOException {
    return read(prompt, fromStdin, "PIN", "--pin-stdin")
        .orElseThrow(
            () ->
                new UsageException(
                    fromStdin
                        ? "--pin-stdin: standard input ended before a PIN; write the PIN as one line."
                        : "No PIN was typed (end of input)."));
  }

  /** A new PIN: typed twice on the terminal (they must match), once with --pin-stdin. */
  char[] readNewPin(String prompt, boolean fromStdin) throws UsageException, IOException {
    char[] first = readPin(prompt, fromStdin);
    if (fromStdin) {
      return first;
    }
    char[] second = readPin("Type the new PIN again: ", false);
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new UsageException("The two PINs typed differ; nothing was changed. Try again.");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  /**
   * One secret ({@code what}: "PIN", "password", "code"): a line of standard input when {@code
   * fromStdin}, else typed without echo on the terminal. Empty at the end of input.
   *
   * @throws UsageException without a terminal when not {@code fromStdin} (naming {@code option}),
   *     or when the line is too long or not UTF-8
   */
  Optional<char[]> read(String prompt, boolean fromStdin, String what, String option)
      throws UsageException, IOException {
    if (fromStdin) {
      return readLine(in, what);
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "There is no terminal to type the "
              + what
              + " on; pass "
              + option
              + " and write it as one line on standard input.");
    }
    err.flush();
    return Optional.ofNullable(console.readPassword("%s", prompt));
  }

  /** Reads the next line of standard input (also for answers that are not secret). */
  Optional<char[]> readStdinLine(String what) throws UsageException, IOException {
    return readLine(in, what);
  }

  /**
   * Reads one line of UTF-8 from {@code in} byte by byte, without the line end; empty when the
   * input ends before any byte. Every intermediate buffer is zeroed.
   */
  static Optional<char[]> readLine(InputStream in, String what)
      throws UsageException, IOException {
    ZeroingBuffer raw = new ZeroingBuffer();
    try {
      int b;
      boolean any = false;
      while ((b = in.read()) != -1 && b != '\n') {
        any = true;
        if (raw.size() >= MAX_LINE) {
          throw new UsageException("The " + what + " line on standard input is too long.");
        }
        raw.write(b);
      }
      if (!any && b == -1) {
        return Optional.empty();
      }
      int length = raw.size();
      if (length > 0 && raw.at(length - 1) == '\r') {
        length--;
      }
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(raw.view(length));
      char[] secret = new char[chars.remaining()];
      chars.get(secret);
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
      return Optional.of(secret);
    } catch (CharacterCodingException e) {
      throw new UsageException("The " + what + " line on standard input is not valid UTF-8.");
    } finally {
      raw.zero();
    }
  }

  /** Copies {@code secret} without leading and trailing whitespace and zeroes the original. */
  static char[] strip(char[] secret) {
    int from = 0;
    int to = secret.length;
    while (from < to && Character.isWhitespace(secret[from])) {
      from++;
    }
    while (to > from && Character.isWhitespace(secret[to - 1])) {
      to--;
    }
    char[] stripped = Arrays.copyOfRange(secret, from, to);
    Arrays.fill(secret, '\0');
    return stripped;
  }

  /** A byte buffer whose storage can be wiped (ByteArrayOutputStream's copies could not). */
  private static final class ZeroingBuffer extends ByteArrayOutputStream {
    ZeroingBuffer() {
      super(MAX_LINE + 1); // never grows, so no unzeroed copy is left behind
    }

    byte at(int index) {
      return buf[index];
    }

    ByteBuffer view(int length) {
      return ByteBuffer.wrap(buf, 0, length);
    }

    void zero() {
      Arrays.fill(buf, (byte) 0);
      count = 0;
    }
  }
}
