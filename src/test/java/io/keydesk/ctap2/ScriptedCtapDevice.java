package io.keydesk.ctap2;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link CtapDevice} that replays a script: each call must send exactly the expected CTAPHID_CBOR
 * payload (command byte + CBOR), and gets the canned response (status byte + CBOR).
 */
final class ScriptedCtapDevice implements CtapDevice {
  private record Exchange(String request, String response) {}

  private final Deque<Exchange> script = new ArrayDeque<>();
  CancelToken lastCancel;
  KeepaliveListener lastKeepalive;

  /** Expects {@code requestHex} next and answers {@code responseHex}; whitespace is ignored. */
  ScriptedCtapDevice expect(String requestHex, String responseHex) {
    script.add(new Exchange(requestHex, responseHex));
    return this;
  }

  @Override
  public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive) {
    assertThat(script)
        .as("an unexpected call with payload %s", Bytes.of(payload).hex())
        .isNotEmpty();
    Exchange next = script.removeFirst();
    assertThat(command).isEqualTo(CtapHidCommand.CBOR);
    assertThat(Bytes.of(payload).hex()).isEqualTo(Bytes.fromHex(next.request()).hex());
    lastCancel = cancel;
    lastKeepalive = keepalive;
    return Bytes.fromHex(next.response()).toArray();
  }

  void assertDone() {
    assertThat(script).as("expected calls that never came").isEmpty();
  }

  @Override
  public String describe() {
    return "scripted";
  }

  @Override
  public void close() {}
}
