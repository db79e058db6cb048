package io.keydesk.gui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;

/** The two AtlantaFX Primer themes, and what the desktop prefers. */
public enum Theme {
  LIGHT,
  DARK;

  public void apply() {
    Application.setUserAgentStylesheet(
        this == DARK
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
  }

  /** The theme's user-agent stylesheet, a class-path resource. */
  String stylesheet() {
    return this == DARK
        ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet();
  }

  public Theme other() {
    return this == DARK ? LIGHT : DARK;
  }

  /**
   * The desktop's preference where it can be read: GTK_THEME ending in ":dark", then GNOME's
   * {@code gsettings get org.gnome.desktop.interface color-scheme} ('prefer-dark'); light
   * otherwise. Runs a process: call it off the FX thread.
   */
  public static Theme detectSystem(Map<String, String> env) {
    String gtkTheme = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
    if (gtkTheme.endsWith(":dark") || gtkTheme.contains("-dark")) {
      return DARK;
    }
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return LIGHT;
    }
    try {
      Process process =
          new ProcessBuilder(
                  "gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
              .redirectErrorStream(true)
              .start();
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroy();
        return LIGHT;
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return out.contains("prefer-dark") ? DARK : LIGHT;
    } catch (IOException e) {
      return LIGHT; // no gsettings: not a GNOME-like desktop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LIGHT;
    }
  }
}
