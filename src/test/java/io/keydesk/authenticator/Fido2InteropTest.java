package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import org.junit.jupiter.api.Test;

/**
 * Tier 5: Debian's python3-fido2 (its Ctap2 and ClientPin, over the small UDP connection class in
 * src/test/python/interop/udp_hid.py) sets a PIN, registers with a PIN token, signs in and verifies
 * attestation and signature against the software authenticator with its CTAP2 logic. Skipped when
 * /usr/bin/python3 or its fido2 module is missing.
 */
class Fido2InteropTest {
  @Test
  void pythonFido2RegistersAndSignsInWithAPin() throws Exception {
    try (SoftwareAuthenticator authenticator =
        SoftwareAuthenticator.builder().handler(Ctap2CommandHandler::new).build()) {
      PythonFido2.Result result = PythonFido2.run("fido2_interop.py", authenticator);
      assertThat(result.output())
          .isEqualTo(
              String.join(
                  "\n",
                  "info versions=FIDO_2_0,FIDO_2_1 clientPin=False protocols=[2, 1]",
                  "setPin ok clientPin=True retries=8",
                  "makeCredential fmt=packed up=True uv=True rpIdHash=True",
                  "attestation verified type=BASIC chain=1",
                  "getAssertion signature verified uv=True counter_increased=True",
                  ""));
      assertThat(result.exitValue()).isZero();
    }
  }
}
