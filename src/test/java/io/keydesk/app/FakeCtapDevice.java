package io.keydesk.app;

import io.keydesk.cbor.Cbor;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Info;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.KeepaliveStatus;
import java.util.ArrayList;
import java.util.List;

/** A CtapDevice that answers getInfo with a fixed Info and reset with a chosen status. */
final class FakeCtapDevice implements CtapDevice {
  final Info info;
  final String name;
  CtapStatus resetStatus = CtapStatus.OK;
  final List<Integer> commands = new ArrayList<>();
  boolean closed;

  FakeCtapDevice(String name, Info info) {
    this.name = name;
    this.info = info;
  }

  @Override
  public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive) {
    int ctap = payload[0] & 0xFF;
    commands.add(ctap);
    if (ctap == CtapCommand.GET_INFO) {
      byte[] body = Cbor.encode(info.toCbor());
      byte[] out = new byte[body.length + 1];
      System.arraycopy(body, 0, out, 1, body.length);
      return out;
    }
    if (ctap == CtapCommand.RESET) {
      keepalive.onStatus(KeepaliveStatus.UP_NEEDED);
      return new byte[] {(byte) resetStatus.code()};
    }
    return new byte[] {(byte) CtapStatus.INVALID_COMMAND.code()};
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    closed = true;
  }
}
