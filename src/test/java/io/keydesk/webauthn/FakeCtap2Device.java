package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.fail;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A CTAP2 key that answers getInfo and getAssertion probes (up=false) for a set of credential IDs,
 * enforcing maxCredentialCountInList and maxCredentialIdLength as a real key does, and records
 * every getAssertion request.
 */
final class FakeCtap2Device implements CtapDevice {
  final Info info;
  final Set<Bytes> held;
  final List<GetAssertionRequest> assertions = new ArrayList<>();
  int tooLargeAbove = Integer.MAX_VALUE;

  FakeCtap2Device(Info info, Set<Bytes> held) {
    this.info = info;
    this.held = held;
  }

  @Override
  public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive) {
    if (command != CtapHidCommand.CBOR) {
      fail("unexpected CTAPHID command " + command);
    }
    try {
      int ctap = payload[0] & 0xFF;
      if (ctap == CtapCommand.GET_INFO) {
        return ok(info.toCbor());
      }
      if (ctap != CtapCommand.GET_ASSERTION) {
        fail("unexpected CTAP command " + ctap);
      }
      byte[] body = new byte[payload.length - 1];
      System.arraycopy(payload, 1, body, 0, body.length);
      GetAssertionRequest request = GetAssertionRequest.fromCbor(Cbor.decodeMap(body));
      assertions.add(request);
      int max = info.maxCredentialCountInList().orElse(Integer.MAX_VALUE);
      if (request.allowList().size() > max || request.allowList().size() > tooLargeAbove) {
        return new byte[] {(byte) CtapStatus.REQUEST_TOO_LARGE.code()};
      }
      for (PublicKeyCredentialDescriptor descriptor : request.allowList()) {
        if (descriptor.id().length() > info.maxCredentialIdLength().orElse(Integer.MAX_VALUE)) {
          return new byte[] {(byte) CtapStatus.INVALID_PARAMETER.code()};
        }
        if (held.contains(descriptor.id())) {
          Bytes authData = Bytes.of(new byte[37]);
          return ok(
              GetAssertionResponse.of(descriptor, authData, Bytes.of(new byte[] {1})).toCbor());
        }
      }
      return new byte[] {(byte) CtapStatus.NO_CREDENTIALS.code()};
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] ok(CborMap map) {
    return Bytes.concat(Bytes.of(new byte[] {0}), Bytes.of(Cbor.encode(map))).toArray();
  }

  @Override
  public String describe() {
    return "fake-ctap2";
  }

  @Override
  public void close() {}
}
