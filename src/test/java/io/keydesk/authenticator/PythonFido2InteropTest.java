package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tier 5: an independent CTAPHID/CTAP2 client (Debian's python3-fido2, running
 * src/test/python/interop/fido2_udp_check.py) talks to the software authenticator over UDP on
 * ephemeral ports. Skipped when /usr/bin/python3 or its fido2 module is missing.
 */
class PythonFido2InteropTest {
  @Test
  void pythonFido2PingsWinksAndReadsInfo() throws Exception {
    try (SoftwareAuthenticator authenticator =
        SoftwareAuthenticator.builder()
            .userPresence(UserPresence.approveAfter(Duration.ofMillis(250)))
            .build()) {
      PythonFido2.Result result = PythonFido2.run("fido2_udp_check.py", authenticator);
      assertThat(result.output())
          .isEqualTo(
              String.join(
                  "\n",
                  "capabilities=0xd version=1.0.0",
                  "ping=ok",
                  "versions=FIDO_2_0,FIDO_2_1 aaguid=83d56a1a042a45e2ba464e6f5a3a1acd"
                      + " maxMsgSize=1200",
                  "selection=ok",
                  ""));
      assertThat(result.exitValue()).isZero();
    }
  }
}
