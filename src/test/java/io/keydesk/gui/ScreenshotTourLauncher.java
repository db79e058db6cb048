package io.keydesk.gui;

/** Plain main (the JavaFX launcher refuses an Application subclass as main class on the classpath). */
public final class ScreenshotTourLauncher {
  private ScreenshotTourLauncher() {}

  public static void main(String[] args) {
    ScreenshotTour.main(args);
  }
}
