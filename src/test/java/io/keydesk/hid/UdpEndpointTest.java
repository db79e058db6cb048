package io.keydesk.hid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UdpEndpointTest {
  @Test
  void theConventionalAddresses() {
    UdpEndpoint endpoint = UdpEndpoint.parse("udp:127.0.0.1:8111");
    assertThat(endpoint).isEqualTo(UdpEndpoint.DEFAULT);
    assertThat(endpoint.host().getPort()).isEqualTo(7112);
    assertThat(endpoint.host().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(endpoint.id()).isEqualTo("udp:127.0.0.1:8111");
  }

  @Test
  void aHostPortCanBeGivenAndRoundTrips() {
    UdpEndpoint endpoint = UdpEndpoint.parse("udp:localhost:9000/0");
    assertThat(endpoint.device().getPort()).isEqualTo(9000);
    assertThat(endpoint.host().getPort()).isZero();
    assertThat(UdpEndpoint.parse(endpoint.id())).isEqualTo(endpoint);
    assertThat(endpoint.id()).isEqualTo("udp:127.0.0.1:9000/0");
  }

  @Test
  void badSyntaxSaysWhatToWrite() {
    assertThatThrownBy(() -> UdpEndpoint.parse("udp:127.0.0.1"))
        .hasMessage(
            "'udp:127.0.0.1' is not a UDP device; write udp:HOST:PORT, e.g. udp:127.0.0.1:8111");
    assertThatThrownBy(() -> UdpEndpoint.parse("udp:127.0.0.1:70000"))
        .hasMessage("Port 70000 in udp:127.0.0.1:70000 is out of range");
    assertThatThrownBy(() -> UdpEndpoint.parse("udp:127.0.0.1:0"))
        .hasMessage("the simulator's port must not be 0");
    assertThat(UdpEndpoint.looksLikeUdp("UDP:x")).isTrue();
    assertThat(UdpEndpoint.looksLikeUdp("/dev/hidraw0")).isFalse();
  }
}
