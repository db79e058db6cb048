package io.keydesk.gui;

import javafx.application.Application;

/** Starts the JavaFX application from a plain main method. */
public final class GuiLauncher {
  private GuiLauncher() {}

  public static void launch(String[] args) {
    Application.launch(KeyDeskApp.class, args);
  }
}
