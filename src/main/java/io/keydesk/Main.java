package io.keydesk;

import io.keydesk.cli.KeyDeskCommand;
import io.keydesk.gui.GuiLauncher;
import java.util.Set;

/**
 * The jar's entry point. With no command (or only {@code --demo}) it opens the desktop app;
 * otherwise it runs the CLI. It is deliberately not a JavaFX {@code Application}: a fat jar whose
 * main class extends Application fails with "JavaFX runtime components are missing".
 */
public final class Main {
  private static final Set<String> GUI_FLAGS = Set.of("--demo");

  private Main() {}

  public static void main(String[] args) {
    if (Set.of(args).contains("--verbose") || Set.of(args).contains("-v")) {
      // Must be set before the first logger is created.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    if (args.length == 0 || (args.length == 1 && GUI_FLAGS.contains(args[0]))) {
      GuiLauncher.launch(args);
      return;
    }
    System.exit(KeyDeskCommand.execute(args));
  }
}
