package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.ctap2.CtapChannel;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Reset;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.DeviceDiscovery;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.UdpConnection;
import io.keydesk.hid.UdpEndpoint;
import io.keydesk.testing.MutableClock;
import io.keydesk.testing.SoftwareKeys;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's unplug / plug / replug console commands, over real UDP on ephemeral ports. */
class SimulatorReplugTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

  @Test
  void replugRestartsTheResetWindowAndUnplugMakesTheKeyDisappear() throws Exception {
    try (SoftwareAuthenticator authenticator = SoftwareKeys.onClock(clock);
        SimulatorCommand.PluggableServer server =
            new SimulatorCommand.PluggableServer(
                authenticator, UdpSimulatorServer.Config.ports(0, 1).withReplyToSender(true))) {
      UdpEndpoint endpoint =
          new UdpEndpoint(server.deviceAddress(), new InetSocketAddress("127.0.0.1", 0));

      clock.advance(Duration.ofSeconds(11));
      assertThatThrownBy(() -> reset(endpoint))
          .isInstanceOf(CtapException.class)
          .extracting(e -> ((CtapException) e).status())
          .isEqualTo(CtapStatus.NOT_ALLOWED);

      assertThat(server.command("replug"))
          .isEqualTo("Plugged in (powered up): a reset is allowed for the next 10 seconds.");
      reset(endpoint);

      try (DeviceDiscovery discovery = DeviceDiscovery.withSimulators(List.of(endpoint))) {
        assertThat(discovery.probe(endpoint)).isPresent();
        assertThat(server.command("unplug")).isEqualTo("Unplugged: the key no longer answers.");
        assertThat(discovery.probe(endpoint)).isEmpty();
        assertThat(server.command("unplug")).startsWith("The key is already unplugged");
        assertThat(server.command("plug")).startsWith("Plugged in");
        assertThat(discovery.probe(endpoint)).isPresent();
      }
      assertThat(server.command("dance"))
          .isEqualTo("Unknown command 'dance'. Commands: unplug, plug, replug.");
    }
  }

  private static void reset(UdpEndpoint endpoint) throws Exception {
    try (CtapHidDevice device =
        CtapHidDevice.open(UdpConnection.open(endpoint), Duration.ofSeconds(5))) {
      new Reset(new CtapChannel(device)).reset(CancelToken.none(), KeepaliveListener.NONE);
    }
  }
}
