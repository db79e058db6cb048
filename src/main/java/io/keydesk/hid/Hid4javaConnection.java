package io.keydesk.hid;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.hid4java.HidDevice;

/**
 * A {@link HidConnection} to a USB security key through hid4java (hidapi). FIDO devices use no
 * numbered reports, so each write is sent with report ID 0x00 in front (65 bytes on the wire, as
 * hidapi requires) and each read returns the 64-byte input report as is.
 */
public final class Hid4javaConnection implements HidConnection {
  /** The udev rule shipped for Linux, relative to the source tree and the installed package. */
  public static final String UDEV_RULES = "packaging/linux/70-keydesk-fido.rules";

  public static final String README_SECTION = "Linux: permission to use the key";

  /** FIDO reports carry no report ID, so report ID 0 is what hidapi expects in front of writes. */
  private static final byte NO_REPORT_ID = 0x00;

  /** Room for one oversized report, so a wrong report size is reported rather than cut. */
  private static final int READ_BUFFER = 2 * REPORT_SIZE;

  /** What we can tell about the device node when hidapi could not open it. */
  enum NodeAccess {
    MISSING,
    DENIED,
    GRANTED
  }

  private final NativeHid hid;

  private Hid4javaConnection(NativeHid hid) {
    this.hid = hid;
  }

  /**
   * Opens {@code device}.
   *
   * @throws DeviceUnavailableException when it cannot be opened; on Linux the message names the
   *     hidraw node, the udev rule to install and the README section that explains it
   */
  public static Hid4javaConnection open(HidDevice device) throws TransportException {
    NativeHid hid = new Hid4javaNativeHid(device);
    return open(hid, System.getProperty("os.name", ""), nodeAccess(hid.path()));
  }

  static Hid4javaConnection open(NativeHid hid, String osName, NodeAccess access)
      throws TransportException {
    boolean opened;
    String detail;
    try {
      opened = hid.open();
      detail = opened ? "" : hid.lastError();
    } catch (RuntimeException | LinkageError e) {
      opened = false;
      detail = e.getMessage();
    }
    if (!opened) {
      hid.close();
      throw openFailure(hid.path(), osName, access, detail);
    }
    return new Hid4javaConnection(hid);
  }

  static DeviceUnavailableException openFailure(
      String path, String osName, NodeAccess access, String detail) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      if (access == NodeAccess.MISSING) {
        return new DeviceUnavailableException(
            "The security key at " + path + " is gone; re-insert it and run 'keydesk devices'.");
      }
      String reason = access == NodeAccess.DENIED ? ": permission denied" : "";
      return new DeviceUnavailableException(
          String.format(
              "Cannot open the security key at %s%s. Install the udev rule %s (README section"
                  + " \"%s\"), then re-insert the key.",
              path, reason, UDEV_RULES, README_SECTION));
    }
    String hint =
        os.contains("windows")
            ? " On Windows, FIDO keys can be opened directly only by a program run as"
                + " administrator."
            : " Close other programs that use it, re-insert it and try again.";
    return new DeviceUnavailableException(
        "Cannot open the security key at "
            + path
            + (detail == null || detail.isBlank() ? "" : " (" + detail + ")")
            + "."
            + hint);
  }

  static NodeAccess nodeAccess(String path) {
    try {
      Path node = Path.of(path);
      if (!Files.exists(node)) {
        return NodeAccess.MISSING;
      }
      return Files.isReadable(node) && Files.isWritable(node)
          ? NodeAccess.GRANTED
          : NodeAccess.DENIED;
    } catch (InvalidPathException | SecurityException e) {
      // Not a file path (macOS IOService paths, Windows device interface paths).
      return NodeAccess.GRANTED;
    }
  }

  @Override
  public void write(byte[] report) throws TransportException {
    if (report.length != REPORT_SIZE) {
      throw new IllegalArgumentException("a report is 64 bytes, got " + report.length);
    }
    int written;
    try {
      written = hid.write(report, REPORT_SIZE, NO_REPORT_ID);
    } catch (RuntimeException e) {
      throw gone(e.getMessage(), e);
    }
    if (written < 0) {
      throw gone(hid.lastError(), null);
    }
  }

  @Override
  public byte[] read(Duration timeout) throws TransportException {
    byte[] buffer = new byte[READ_BUFFER];
    int length;
    try {
      length = hid.read(buffer, (int) Math.max(0, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    } catch (RuntimeException e) {
      throw gone(e.getMessage(), e);
    }
    if (length < 0) {
      throw gone(hid.lastError(), null);
    }
    return length == 0 ? new byte[0] : Arrays.copyOf(buffer, length);
  }

  private DeviceUnavailableException gone(String detail, Throwable cause) {
    return new DeviceUnavailableException(
        "The key was disconnected ("
            + hid.path()
            + (detail == null || detail.isBlank() ? "" : ": " + detail)
            + "); re-insert it and try again.",
        cause);
  }

  @Override
  public String describe() {
    return hid.path();
  }

  @Override
  public void close() {
    hid.close();
  }
}
