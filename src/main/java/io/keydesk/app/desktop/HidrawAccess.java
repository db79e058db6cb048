package io.keydesk.app.desktop;

import io.keydesk.hid.Hid4javaConnection;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Linux: hidraw nodes that exist but that this user cannot open read-write, the usual reason a
 * plugged-in key does not show up (the udev rule packaging/linux/70-keydesk-fido.rules is missing).
 * This looks at every hidraw node, FIDO or not, because the usage page cannot be read without
 * opening the node; the banner text says so ("may be").
 */
public final class HidrawAccess {
  private HidrawAccess() {}

  /** The hidraw nodes under {@code dev} this process cannot read and write; empty off Linux. */
  public static List<Path> unreadableNodes(Path dev) {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return List.of();
    }
    List<Path> blocked = new ArrayList<>();
    try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dev, "hidraw*")) {
      for (Path node : nodes) {
        if (!(Files.isReadable(node) && Files.isWritable(node))) {
          blocked.add(node);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    blocked.sort(null);
    return List.copyOf(blocked);
  }

  /**
   * The explanation shown in the banner, from the README section {@value
   * Hid4javaConnection#README_SECTION}.
   */
  public static String explanation(List<Path> nodes) {
    return "KeyDesk cannot open "
        + (nodes.size() == 1 ? nodes.get(0) : nodes.size() + " hidraw devices")
        + ": hidraw nodes are root-only by default, so a plugged-in security key may not be"
        + " listed. Install KeyDesk's udev rule, which grants the user at the machine access to"
        + " FIDO devices (usage page 0xF1D0):\n"
        + "  sudo cp "
        + Hid4javaConnection.UDEV_RULES
        + " /etc/udev/rules.d/\n"
        + "  sudo udevadm control --reload && sudo udevadm trigger --subsystem-match=hidraw\n"
        + "then remove and re-insert the key.";
  }
}
