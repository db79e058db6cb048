package io.keydesk.gui;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.AbstractPreferences;

/**
 * Preferences kept in this object only, for {@link Settings} in tests: java.util.prefs' user root
 * lives in ~/.java and is shared by every JVM of the user, so tests running at the same time (or a
 * previous run) would see each other's window settings.
 */
final class InMemoryPreferences extends AbstractPreferences {
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, InMemoryPreferences> children = new HashMap<>();

  private InMemoryPreferences(InMemoryPreferences parent, String name) {
    super(parent, name);
  }

  /** Fresh, empty settings that no other test or JVM can see. */
  static Settings freshSettings() {
    return new Settings(new InMemoryPreferences(null, ""));
  }

  @Override
  protected void putSpi(String key, String value) {
    values.put(key, value);
  }

  @Override
  protected String getSpi(String key) {
    return values.get(key);
  }

  @Override
  protected void removeSpi(String key) {
    values.remove(key);
  }

  @Override
  protected void removeNodeSpi() {
    values.clear();
    children.clear();
  }

  @Override
  protected String[] keysSpi() {
    return values.keySet().toArray(String[]::new);
  }

  @Override
  protected String[] childrenNamesSpi() {
    return children.keySet().toArray(String[]::new);
  }

  @Override
  protected AbstractPreferences childSpi(String name) {
    return children.computeIfAbsent(name, n -> new InMemoryPreferences(this, n));
  }

  @Override
  protected void syncSpi() {}

  @Override
  protected void flushSpi() {}
}
