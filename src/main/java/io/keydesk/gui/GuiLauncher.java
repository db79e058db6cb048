package io.keydesk.gui;

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
  public static final Set<String> FLAGS = Set.of(DEMO, MEASURE_STARTUP);

  private GuiLauncher() {}

  /**
   * @param firstFrame told the milliseconds from JVM start to the first frame when {@link
   *     #MEASURE_STARTUP} is given (the CLI prints it)
   */
  public static void launch(String[] args, LongConsumer firstFrame) {
    Set<String> flags = Set.of(args);
    KeyDeskApp.configure(
        new KeyDeskApp.Options(
            flags.contains(DEMO), flags.contains(MEASURE_STARTUP), firstFrame));
    Application.launch(KeyDeskApp.class);
  }
}
