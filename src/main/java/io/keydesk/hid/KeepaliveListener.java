package io.keydesk.hid;

/**
 * Told when the device's keepalive status changes (not on every keepalive): UP_NEEDED is the moment
 * to show "Touch your security key". Called on the device worker thread; must not block.
 */
@FunctionalInterface
public interface KeepaliveListener {
  KeepaliveListener NONE = status -> {};

  void onStatus(KeepaliveStatus status);
}
