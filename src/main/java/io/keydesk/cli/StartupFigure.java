package io.keydesk.cli;

/** Prints the GUI's startup figure ({@code keydesk --measure-startup}); the CLI owns stdout. */
public final class StartupFigure {
  private StartupFigure() {}

  public static void print(long millis) {
    System.out.println("first frame after " + millis + " ms (from JVM start; budget 1500 ms)");
    System.out.flush();
  }
}
