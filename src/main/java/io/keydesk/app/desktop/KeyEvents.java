package io.keydesk.app.desktop;

/** Told when keys come and go. Called on a discovery thread; must not block. */
public interface KeyEvents {
  void keyAdded(KeyRef key);

  void keyRemoved(KeyRef key);
}
