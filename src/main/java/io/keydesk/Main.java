package io.keydesk;

import io.keydesk.cli.KeyDeskCommand;
import io.keydesk.cli.StartupFigure;
import io.keydesk.gui.GuiLauncher;
import java.util.Arrays;

/**
 * The jar's entry point. With no command (or only {@code --demo} and {@code --measure-startup}) it opens the desktop app;
 * otherwise it runs the CLI. It is deliberately not a JavaFX {@code Application}: a fat jar whose
 * main class extends Application fails with "JavaFX runtime components are missing".
 */
public final class Main {
  /** The root command's short flags that may be clustered with -v, as in {@code -vh}. */
  private static final String ROOT_SHORT_FLAGS = "vhV";

  private Main() {}

  public static void main(String[] args) {
    if (verbose(args)) {
      // Must be set before the first logger is created.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    if (opensGui(args)) {
      GuiLauncher.launch(args, StartupFigure::print);
      return;
    }
    System.exit(KeyDeskCommand.execute(args));
  }

  /**
   * Whether {@code --verbose} or {@code -v} is given, alone or clustered with other root flags
   * ({@code -vh}); arguments may repeat, and nothing after {@code --} counts.
   */
  static boolean verbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--verbose") || isRootCluster(arg)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRootCluster(String arg) {
    if (arg.length() < 2 || arg.charAt(0) != '-' || arg.charAt(1) == '-') {
      return false;
    }
    String letters = arg.substring(1);
    return letters.indexOf('v') >= 0
        && letters.chars().allMatch(c -> ROOT_SHORT_FLAGS.indexOf(c) >= 0);
  }

  /** No command, only GUI flags (possibly repeated): open the desktop app. */
  static boolean opensGui(String[] args) {
    return GuiLauncher.FLAGS.containsAll(Arrays.asList(args));
  }
}
