package io.keydesk.testing;

/**
 * The property every fuzz target asserts (DESIGN.md testing tier 8): a parser of device or network
 * bytes either returns a value or throws one of its documented, typed exceptions with a message.
 * Anything else (NullPointerException, ArrayIndexOutOfBoundsException, ClassCastException,
 * NumberFormatException, OutOfMemoryError, StackOverflowError...) escapes and Jazzer reports it.
 */
public final class FuzzContract {
  private FuzzContract() {}

  /** A parser call that may throw anything. */
  @FunctionalInterface
  public interface Parse<T> {
    T run() throws Throwable;
  }

  /**
   * Runs {@code parse}; returns its value, or null when it threw one of {@code documented} with a
   * non-empty message. Any other throwable is rethrown unchanged so the fuzzer reports the real
   * stack trace.
   */
  @SafeVarargs
  public static <T> T returnsOrThrows(Parse<T> parse, Class<? extends Throwable>... documented)
      throws Throwable {
    try {
      return parse.run();
    } catch (Throwable t) {
      for (Class<? extends Throwable> type : documented) {
        if (type.isInstance(t)) {
          if (t.getMessage() == null || t.getMessage().isBlank()) {
            throw new AssertionError(
                "documented " + t.getClass().getName() + " without a message", t);
          }
          return null;
        }
      }
      throw t;
    }
  }
}
