package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialId;
import static io.keydesk.authenticator.ctap.TestAuthenticator.mc;
import static io.keydesk.authenticator.ctap.TestAuthenticator.statusOf;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.authenticator.ctap.ScriptedPresence.Answer;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.PinProtocolV2;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.Reset;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResetAndPowerTest {
  private final TestAuthenticator authenticator = new TestAuthenticator();
  private final Reset reset = new Reset(authenticator.ctap2.channel());

  private void reset() throws Exception {
    reset.reset(CancelToken.none(), KeepaliveListener.NONE);
  }

  @Test
  void resetErasesCredentialsPinAndTheDeviceSecret() throws Exception {
    Bytes id =
        credentialId(
            authenticator.makeCredential(mc("example.com", user("alice")).build()).authData());
    authenticator.makeCredential(TestAuthenticator.rk("example.com", user("bob")).build());
    authenticator.clientPin(new PinProtocolV2()).setPin("1234".toCharArray());
    authenticator.getAssertion(
        GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
            .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
            .build());
    Bytes secretBefore = authenticator.processor.state().deviceSecret();

    reset();

    Ctap2State state = authenticator.processor.state();
    assertThat(state.deviceSecret()).isNotEqualTo(secretBefore);
    assertThat(state.store().size()).isZero();
    assertThat(state.signCount()).isZero();
    assertThat(authenticator.ctap2.getInfo().isPinSet()).contains(false);
    assertThat(
            statusOf(
                () ->
                    authenticator.getAssertion(
                        GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
                            .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
                            .build())))
        .isEqualTo(CtapStatus.NO_CREDENTIALS);
  }

  @Test
  void resetOnlyWithin10sOfPowerUp() throws Exception {
    authenticator.clock.advance(Duration.ofSeconds(11));
    int asked = authenticator.presence.requests();
    assertThat(statusOf(this::reset)).isEqualTo(CtapStatus.NOT_ALLOWED);
    assertThat(authenticator.presence.requests()).isEqualTo(asked);

    authenticator.processor.powerCycle();
    authenticator.clock.advance(Duration.ofSeconds(10));
    reset();
  }

  @Test
  void resetNeedsPresence() throws Exception {
    authenticator.makeCredential(TestAuthenticator.rk("example.com", user("bob")).build());
    authenticator.presence.next(Answer.DENY, Answer.TIMEOUT);
    assertThat(statusOf(this::reset)).isEqualTo(CtapStatus.OPERATION_DENIED);
    assertThat(statusOf(this::reset)).isEqualTo(CtapStatus.USER_ACTION_TIMEOUT);
    assertThat(authenticator.processor.state().store().size()).isEqualTo(1);
  }

  @Test
  void powerCycleRenewsTheKeyAgreement() throws Exception {
    var client = authenticator.clientPin(new PinProtocolV2());
    var before = client.getKeyAgreement();
    assertThat(client.getKeyAgreement()).isEqualTo(before);
    authenticator.processor.powerCycle();
    assertThat(client.getKeyAgreement()).isNotEqualTo(before);
  }

  @Test
  void selectionWaitsForATouch() throws Exception {
    authenticator.presence.next(Answer.DENY);
    assertThat(
            statusOf(
                () ->
                    new io.keydesk.ctap2.Selection(authenticator.ctap2.channel())
                        .select(CancelToken.none(), KeepaliveListener.NONE)))
        .isEqualTo(CtapStatus.OPERATION_DENIED);
  }
}
