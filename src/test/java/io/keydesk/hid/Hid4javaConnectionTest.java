package io.keydesk.hid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.hid.Hid4javaConnection.NodeAccess;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report-ID and error handling of the hid4java connection, on a fake native device. */
class Hid4javaConnectionTest {
  private static final class FakeHid implements NativeHid {
    boolean openResult = true;
    final List<byte[]> writes = new ArrayList<>();
    final List<Byte> reportIds = new ArrayList<>();
    final Deque<Integer> readResults = new ArrayDeque<>();
    int writeResult = 65;
    int closes;

    @Override
    public String path() {
      return "/dev/hidraw3";
    }

    @Override
    public boolean open() {
      return openResult;
    }

    @Override
    public int write(byte[] data, int length, byte reportId) {
      writes.add(java.util.Arrays.copyOf(data, length));
      reportIds.add(reportId);
      return writeResult;
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) {
      int result = readResults.isEmpty() ? 0 : readResults.poll();
      for (int i = 0; i < Math.max(0, result); i++) {
        buffer[i] = (byte) (i + 1);
      }
      return result;
    }

    @Override
    public String lastError() {
      return "No such device";
    }

    @Override
    public void close() {
      closes++;
    }
  }

  @Test
  void writesGoOutWithReportIdZeroAndReadsComeBackAsIs() throws Exception {
    FakeHid hid = new FakeHid();
    Hid4javaConnection connection = Hid4javaConnection.open(hid, "Linux", NodeAccess.GRANTED);
    byte[] report = ScriptedConnection.report("ffffffff 86 0008 0102030405060708");
    connection.write(report);
    assertThat(hid.writes).containsExactly(report);
    assertThat(hid.reportIds).containsExactly((byte) 0);

    hid.readResults.add(64);
    byte[] read = connection.read(Duration.ofMillis(10));
    assertThat(read).hasSize(64);
    assertThat(read[0]).isEqualTo((byte) 1); // nothing stripped
    assertThat(connection.read(Duration.ofMillis(10))).isEmpty();
    assertThat(connection.describe()).isEqualTo("/dev/hidraw3");
  }

  @Test
  void aFailedReadOrWriteMeansTheKeyIsGone() throws Exception {
    FakeHid hid = new FakeHid();
    Hid4javaConnection connection = Hid4javaConnection.open(hid, "Linux", NodeAccess.GRANTED);
    hid.readResults.add(-1);
    assertThatThrownBy(() -> connection.read(Duration.ofMillis(10)))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessage(
            "The key was disconnected (/dev/hidraw3: No such device); re-insert it and try again.");
    hid.writeResult = -1;
    assertThatThrownBy(() -> connection.write(new byte[64]))
        .hasMessage(
            "The key was disconnected (/dev/hidraw3: No such device); re-insert it and try again.");
  }

  @Test
  void permissionDeniedOnLinuxPointsAtTheUdevRule() {
    FakeHid hid = new FakeHid();
    hid.openResult = false;
    assertThatThrownBy(() -> Hid4javaConnection.open(hid, "Linux", NodeAccess.DENIED))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessage(
            "Cannot open the security key at /dev/hidraw3: permission denied. Install the udev"
                + " rule packaging/linux/70-keydesk-fido.rules (README section \"Linux:"
                + " permission to use the key\"), then re-insert the key.");
    assertThat(hid.closes).isEqualTo(1);
  }

  @Test
  void aNullHandleOnLinuxAlsoPointsAtTheUdevRule() {
    FakeHid hid = new FakeHid();
    hid.openResult = false;
    assertThatThrownBy(() -> Hid4javaConnection.open(hid, "Linux", NodeAccess.GRANTED))
        .hasMessage(
            "Cannot open the security key at /dev/hidraw3. Install the udev rule"
                + " packaging/linux/70-keydesk-fido.rules (README section \"Linux: permission to"
                + " use the key\"), then re-insert the key.");
    assertThatThrownBy(() -> Hid4javaConnection.open(hid, "Linux", NodeAccess.MISSING))
        .hasMessage(
            "The security key at /dev/hidraw3 is gone; re-insert it and run 'keydesk devices'.");
  }

  @Test
  void otherSystemsGetTheirOwnAdvice() {
    assertThat(
            Hid4javaConnection.openFailure(
                    "\\\\?\\hid#vid_1050", "Windows 11", NodeAccess.GRANTED, "")
                .getMessage())
        .isEqualTo(
            "Cannot open the security key at \\\\?\\hid#vid_1050. On Windows, FIDO keys can be"
                + " opened directly only by a program run as administrator.");
    assertThat(
            Hid4javaConnection.openFailure("IOService:/x", "Mac OS X", NodeAccess.GRANTED, "busy")
                .getMessage())
        .isEqualTo(
            "Cannot open the security key at IOService:/x (busy). Close other programs that use"
                + " it, re-insert it and try again.");
  }

  @Test
  void nodeAccessOfAMissingNode() {
    assertThat(Hid4javaConnection.nodeAccess("/dev/hidraw-keydesk-test-missing"))
        .isEqualTo(NodeAccess.MISSING);
  }

  @Test
  void fidoUsagePageIsMatchedOnItsLow16Bits() {
    assertThat(Hid4javaBackend.isFido(0xfffff1d0, 1)).isTrue();
    assertThat(Hid4javaBackend.isFido(0xf1d0, 1)).isTrue();
    assertThat(Hid4javaBackend.isFido(0xf1d0, 2)).isFalse();
    assertThat(Hid4javaBackend.isFido(0x0001, 1)).isFalse();
  }
}
