package io.keydesk.gui;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs (java.util.prefs): size, position, theme and the last
 * selection. The theme is "system" until the user switches it.
 */
public final class Settings {
  private static final String X = "window.x";
  private static final String Y = "window.y";
  private static final String WIDTH = "window.width";
  private static final String HEIGHT = "window.height";
  private static final String THEME = "theme";
  private static final String SELECTION = "selection";
  private static final String SEEN_FIRST_RUN = "firstRunSeen";

  private final Preferences node;

  /** Settings kept in {@code node} (tests pass one of their own). */
  public Settings(Preferences node) {
    this.node = node;
  }

  /** The user's settings for the app. */
  public static Settings user() {
    return new Settings(Preferences.userRoot().node("io/keydesk/gui"));
  }

  /** Window bounds: x, y, width, height. */
  public record Bounds(double x, double y, double width, double height) {}

  public Optional<Bounds> bounds() {
    double width = node.getDouble(WIDTH, -1);
    double height = node.getDouble(HEIGHT, -1);
    if (width < 200 || height < 200) {
      return Optional.empty();
    }
    return Optional.of(new Bounds(node.getDouble(X, 0), node.getDouble(Y, 0), width, height));
  }

  public void saveBounds(Bounds bounds) {
    node.putDouble(X, bounds.x());
    node.putDouble(Y, bounds.y());
    node.putDouble(WIDTH, bounds.width());
    node.putDouble(HEIGHT, bounds.height());
  }

  /** The theme chosen with the switch; empty: follow the system. */
  public Optional<Theme> theme() {
    try {
      return Optional.ofNullable(node.get(THEME, null)).map(Theme::valueOf);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public void saveTheme(Theme theme) {
    node.put(THEME, theme.name());
  }

  /** The last selected sidebar entry ("key:ID" or "account:ID"). */
  public Optional<String> selection() {
    return Optional.ofNullable(node.get(SELECTION, null));
  }

  public void saveSelection(String selection) {
    node.put(SELECTION, selection);
  }

  public boolean firstRunSeen() {
    return node.getBoolean(SEEN_FIRST_RUN, false);
  }

  public void markFirstRunSeen() {
    node.putBoolean(SEEN_FIRST_RUN, true);
  }

  public void flush() {
    try {
      node.flush();
    } catch (BackingStoreException e) {
      // Nothing to tell the user: the window simply opens at the default place next time.
    }
  }

  public void clear() {
    try {
      node.clear();
    } catch (BackingStoreException e) {
      // as above
    }
  }
}
