package io.keydesk;

import io.keydesk.cli.KeyDeskCommand;
import io.keydesk.cli.StartupFigure;
import io.keydesk.gui.GuiLauncher;
import java.util.Set;

/**
 * The jar's entry point. With no command (or only {@code --demo} and {@code --measure-startup}) it opens the desktop app;
 * otherwise it runs the CLI. It is deliberately not a JavaFX {@code Application}: a fat jar whose
 * main class extends Application fails with "JavaFX runtime components are missing".
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (Set.of(args).contains("--verbose") || Set.of(args).contains("-v")) {
      // Must be set before the first logger is created.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    if (GuiLauncher.FLAGS.containsAll(Set.of(args))) {
      GuiLauncher.launch(args, StartupFigure::print);
      return;
    }
    System.exit(KeyDeskCommand.execute(args));
  }
}
