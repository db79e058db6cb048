package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.UserPresence;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A user who touches the key after 7 s is not cut off by the 5 s budget of quick commands. */
class SlowTouchTest {
  private SoftwareAuthenticator authenticator;
  private UdpSimulatorServer server;
  private String device;

  @BeforeEach
  void start() throws Exception {
    authenticator =
        SoftwareAuthenticator.builder()
            .handler(Ctap2CommandHandler::new)
            .userPresence(UserPresence.approveAfter(Duration.ofMillis(7000)))
            .build();
    server =
        UdpSimulatorServer.start(
            authenticator.responder(),
            UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true));
    device = "udp:127.0.0.1:" + server.deviceAddress().getPort() + "/0";
    System.setProperty(DeviceChoice.SIMULATORS_PROPERTY, "");
  }

  @AfterEach
  void stop() {
    System.clearProperty(DeviceChoice.SIMULATORS_PROPERTY);
    server.close();
    authenticator.close();
  }

  @Test
  void makeCredentialWaitsForATouchAfterSevenSeconds() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KeyDeskCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exit =
        cli.execute("--device", device, "make-credential", "--rp", "example.com", "--user", "bob");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("example.com");
    assertThat(DeviceChoice.TOUCH_TIMEOUT).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
  }
}
