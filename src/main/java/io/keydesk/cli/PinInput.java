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

/**
 * Reads PINs as char[] (never a String): from the terminal without echo, or with {@code
 * --pin-stdin} one line per PIN from standard input (for scripts). The caller zeroes what it gets.
 */
final class PinInput {
  /** A PIN is at most 63 bytes; a longer line is refused before it reaches a key. */
  private static final int MAX_LINE = 256;

  private final boolean fromStdin;
  private final PrintWriter err;

  PinInput(boolean fromStdin, PrintWriter err) {
    this.fromStdin = fromStdin;
    this.err = err;
  }

  /** One PIN, prompting with {@code prompt} on the terminal. */
  char[] read(String prompt) throws UsageException, IOException {
    if (fromStdin) {
      return readLine(System.in);
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "There is no terminal to type the PIN on; pass --pin-stdin and write the PIN as one"
              + " line on standard input.");
    }
    err.flush();
    char[] pin = console.readPassword("%s", prompt);
    if (pin == null) {
      throw new UsageException("No PIN was typed (end of input).");
    }
    return pin;
  }

  /** A new PIN: typed twice on the terminal (they must match), once with --pin-stdin. */
  char[] readNew(String prompt) throws UsageException, IOException {
    char[] first = read(prompt);
    if (fromStdin) {
      return first;
    }
    char[] second = read("Type the new PIN again: ");
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
   * Reads one line of UTF-8 from {@code in} byte by byte (so a second PIN on the next line stays
   * unread), without the line end.
   */
  static char[] readLine(InputStream in) throws UsageException, IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream(64);
    byte[] bytes = null;
    try {
      int b;
      boolean any = false;
      while ((b = in.read()) != -1 && b != '\n') {
        any = true;
        if (raw.size() >= MAX_LINE) {
          throw new UsageException("The PIN line on standard input is too long.");
        }
        raw.write(b);
      }
      if (!any && b == -1) {
        throw new UsageException(
            "--pin-stdin: standard input ended before a PIN; write the PIN as one line.");
      }
      bytes = raw.toByteArray();
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, length));
      char[] pin = new char[chars.remaining()];
      chars.get(pin);
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
      return pin;
    } catch (CharacterCodingException e) {
      throw new UsageException("--pin-stdin: the PIN line is not valid UTF-8.");
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
      int used = raw.size();
      raw.reset();
      raw.write(new byte[used], 0, used); // overwrite the stream's own buffer
    }
  }
}
