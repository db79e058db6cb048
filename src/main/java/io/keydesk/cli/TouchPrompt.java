package io.keydesk.cli;

import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import java.io.PrintWriter;

/** Prints "Touch your security key..." on stderr when the key asks for it (keepalive UP_NEEDED). */
final class TouchPrompt {
  static final String MESSAGE = "Touch your security key...";

  private TouchPrompt() {}

  static KeepaliveListener on(PrintWriter err) {
    return status -> {
      if (status == KeepaliveStatus.UP_NEEDED) {
        err.println(MESSAGE);
        err.flush();
      }
    };
  }
}
