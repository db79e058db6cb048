package io.keydesk.rp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** localhost and *.localhost, which may use plain http, never leave this computer. */
class LoopbackDnsTest {
  @Test
  void localhostNamesResolveToLoopbackOnlyWithoutDns() throws Exception {
    for (String name : new String[] {"localhost", "LOCALHOST", "rp.test.localhost", "a.localhost."}) {
      assertThat(LoopbackDns.INSTANCE.lookup(name))
          .as(name)
          .extracting(InetAddress::getHostAddress)
          .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
    }
    assertThat(LoopbackDns.isLocalhostName("localhost.example.com")).isFalse();
    assertThat(LoopbackDns.isLocalhostName("notlocalhost")).isFalse();
  }

  @Test
  void anHttpSubdomainOfLocalhostReachesTheLoopbackServer() throws Exception {
    try (LoopbackHttpServer server =
        new LoopbackHttpServer(e -> LoopbackHttpServer.answer(e, 200, "{\"ok\":true}"))) {
      String port = server.url().substring(server.url().lastIndexOf(':') + 1);
      RpHttp http =
          new RpHttp(
              RpEndpoint.parse("http://keydesk-test-nonexistent.localhost:" + port),
              TrustDecision.systemTrust(),
              RpClientOptions.DEFAULT);
      assertThat(http.get("api/v1/account", Optional.empty()).get("ok").asBoolean()).isTrue();
    }
  }
}
