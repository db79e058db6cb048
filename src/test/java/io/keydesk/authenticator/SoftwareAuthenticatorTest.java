package io.keydesk.authenticator;

import static io.keydesk.authenticator.RawHost.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.CtapHidFrames;
import io.keydesk.hid.HidConnection;
import io.keydesk.hid.TransportException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftwareAuthenticatorTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void everyConnectionSeesTheReportsLikeHidraw() throws Exception {
    try (SoftwareAuthenticator authenticator = SoftwareAuthenticator.builder().build();
        HidConnection first = authenticator.connect();
        HidConnection second = authenticator.connect()) {
      first.write(
          CtapHidFrames.fragment(
                  CtapHidCommand.BROADCAST_CID,
                  CtapHidCommand.INIT,
                  HEX.parseHex("0102030405060708"))
              .get(0));
      byte[] reply = first.read(WAIT);
      assertThat(HEX.formatHex(reply, 0, 24))
          .isEqualTo("ffffffff860011" + "0102030405060708" + "00000001" + "020100000d");
      assertThat(second.read(WAIT)).isEqualTo(reply);
      assertThat(first.read(Duration.ofMillis(10))).isEmpty();
      assertThat(first.describe()).isEqualTo("memory:keydesk-software-authenticator");
    }
  }

  @Test
  void getInfoCarriesTheStateAaguid() throws Exception {
    AuthenticatorState state = AuthenticatorState.generate();
    try (SoftwareAuthenticator authenticator =
            SoftwareAuthenticator.builder().state(state).build();
        HidConnection connection = authenticator.connect()) {
      for (byte[] packet :
          CtapHidFrames.fragment(CtapHidCommand.BROADCAST_CID, CtapHidCommand.INIT, new byte[8])) {
        connection.write(packet);
      }
      connection.read(WAIT);
      connection.write(CtapHidFrames.fragment(1, CtapHidCommand.CBOR, new byte[] {0x04}).get(0));
      List<byte[]> packets = List.of(connection.read(WAIT), connection.read(WAIT));
      CtapHidFrames.Reassembly reply = new CtapHidFrames.Reassembly(packets.get(0), 7609);
      assertThat(reply.accept(packets.get(1))).isTrue();
      byte[] payload = reply.payload();
      assertThat(payload[0]).isZero();
      CborMap info = Cbor.decodeMap(Arrays.copyOfRange(payload, 1, payload.length));
      assertThat(info.getBytes(AuthenticatorInfo.KEY_AAGUID)).isEqualTo(state.aaguid());
      assertThat(info.getList(AuthenticatorInfo.KEY_VERSIONS))
          .containsExactly("FIDO_2_0", "FIDO_2_1");
      assertThat(info.getLong(AuthenticatorInfo.KEY_MAX_MSG_SIZE)).isEqualTo(1200L);
    }
  }

  @Test
  void aClosedConnectionRefusesIo() {
    try (SoftwareAuthenticator authenticator = SoftwareAuthenticator.builder().build()) {
      HidConnection connection = authenticator.connect();
      connection.close();
      assertThatThrownBy(() -> connection.read(WAIT))
          .isInstanceOf(TransportException.class)
          .hasMessage(
              "The connection to memory:keydesk-software-authenticator is closed; open a new one.");
    }
  }
}
