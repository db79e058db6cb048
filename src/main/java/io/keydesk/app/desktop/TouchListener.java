package io.keydesk.app.desktop;

/**
 * Told when the key asks for a touch (CTAPHID KEEPALIVE with status UP_NEEDED, CTAP 2.1 section
 * 11.2.9.1.4) and when it stops asking. Called on the device worker; must not block.
 */
public interface TouchListener {
  TouchListener NONE =
      new TouchListener() {
        @Override
        public void touchNeeded() {}

        @Override
        public void touchDone() {}
      };

  void touchNeeded();

  void touchDone();
}
