package io.keydesk.gui;

import java.util.Objects;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import javafx.application.Application;

/** Starts the JavaFX application from a plain main method. */
public final class GuiLauncher {
  /** Opens the GUI in demo mode (reference RP on loopback, virtual key). */
  public static final String DEMO = "--demo";

  /** Prints the time from JVM start to the first frame, then exits. */
  public static final String MEASURE_STARTUP = "--measure-startup";

  /** The arguments the GUI understands (anything else goes to the CLI). */
  public static final Set<String> FLAGS = Set.of(DEMO, MEASURE_STARTUP, "--verbose", "-v");

  private GuiLauncher() {}

  /**
   * While the JavaFX toolkit starts (a few hundred ms on its own threads), reads the user's
   * settings (java.util.prefs parses XML) and parses the theme's stylesheet once, so the classes
   * both need are loaded when the FX thread builds the first frame. Nothing here is required: a
   * failure only loses the head start.
   */
  private static void warmUp() {
    Thread warm = new Thread(() -> {
      try {
        Settings settings = Settings.user();
        Theme theme = settings.theme().orElse(Theme.LIGHT);
        settings.bounds();
        settings.selection();
        // JavaFX reads the precompiled .bss next to a .css when there is one: warm that path
        java.net.URL binary =
            GuiLauncher.class.getResource(theme.stylesheet().replaceFirst("\\.css$", ".bss"));
        if (binary != null) {
          javafx.css.Stylesheet.loadBinary(binary);
        } else {
          new javafx.css.CssParser().parse(
              Objects.requireNonNull(GuiLauncher.class.getResource(theme.stylesheet())));
        }
      } catch (Exception | LinkageError e) {
        LoggerFactory.getLogger(GuiLauncher.class).debug("Warm-up: {}", e.toString());
      }
    }, "keydesk-warm-up");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
  }

  /** The app's options from the GUI flags (repeats allowed; --verbose is Main's business). */
  static KeyDeskApp.Options options(String[] args, LongConsumer firstFrame) {
    List<String> flags = Arrays.asList(args);
    return new KeyDeskApp.Options(
        flags.contains(DEMO), flags.contains(MEASURE_STARTUP), firstFrame);
  }

  /**
   * @param firstFrame told the milliseconds from JVM start to the first frame when {@link
   *     #MEASURE_STARTUP} is given (the CLI prints it)
   */
  public static void launch(String[] args, LongConsumer firstFrame) {
    KeyDeskApp.configure(options(args, firstFrame));
    warmUp();
    Application.launch(KeyDeskApp.class);
  }
}
