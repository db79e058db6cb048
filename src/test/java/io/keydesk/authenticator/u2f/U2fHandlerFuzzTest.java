package io.keydesk.authenticator.u2f;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.authenticator.RequestContext;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.cbor.Bytes;
import java.util.Optional;

/**
 * Fuzzes the software authenticator's U2F request parsing (DESIGN.md testing tier 8): any request
 * APDU over CTAPHID_MSG gets a response APDU ending in a status word, never an exception (which
 * the responder would turn into CTAP1_ERR_OTHER). Seeds: {@code
 * src/test/resources/io/keydesk/authenticator/u2f/U2fHandlerFuzzTestInputs/<method>/}.
 */
class U2fHandlerFuzzTest {
  private static final U2fHandler HANDLER =
      new U2fHandler(
          new SoftwareAuthenticator.Setup(
              new AuthenticatorState(AuthenticatorState.KEYDESK_AAGUID, Bytes.of(new byte[32])),
              Optional.empty(),
              (delay, action) -> {
                throw new AssertionError("U2F does not schedule anything");
              }));

  /** The user approves when the last byte is odd. */
  @FuzzTest
  void everyApduGetsAStatusWord(byte[] apdu) {
    boolean approve = apdu.length > 0 && (apdu[apdu.length - 1] & 1) == 1;
    byte[] response = HANDLER.handleMsg(apdu, context(approve));
    assertThat(response.length).isGreaterThanOrEqualTo(2);
  }

  private static RequestContext context(boolean approve) {
    return new RequestContext() {
      @Override
      public int channelId() {
        return 1;
      }

      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public boolean requestUserPresence() {
        return approve;
      }
    };
  }
}
