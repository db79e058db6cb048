package io.keydesk.ctap2;

import static io.keydesk.ctap2.CtapSpecVectors.AAGUID;
import static io.keydesk.ctap2.CtapSpecVectors.GET_ASSERTION_REQUEST;
import static io.keydesk.ctap2.CtapSpecVectors.GET_ASSERTION_RESPONSE;
import static io.keydesk.ctap2.CtapSpecVectors.GET_INFO_RESPONSE_BODY;
import static io.keydesk.ctap2.CtapSpecVectors.MAKE_CREDENTIAL_REQUEST;
import static io.keydesk.ctap2.CtapSpecVectors.MAKE_CREDENTIAL_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ctap2Test {
  private final ScriptedCtapDevice device = new ScriptedCtapDevice();
  private final Ctap2 ctap = new Ctap2(device);

  @AfterEach
  void everyExpectedCallWasMade() {
    device.assertDone();
  }

  @Test
  void getInfoSendsTheBareCommandByte() throws Exception {
    device.expect("04", "00" + GET_INFO_RESPONSE_BODY);

    Info info = ctap.getInfo();

    assertThat(info.versions()).containsExactly("U2F_V2", "FIDO_2_0");
    assertThat(info.maxMsgSizeOrDefault()).isEqualTo(1200);
  }

  @Test
  void makeCredentialSendsTheSpecRequestAndReadsTheSpecResponse() throws Exception {
    device.expect(MAKE_CREDENTIAL_REQUEST, MAKE_CREDENTIAL_RESPONSE);
    CancelToken cancel = new CancelToken();
    KeepaliveListener keepalive = status -> {};

    MakeCredentialResponse response =
        ctap.makeCredential(MakeCredentialTest.specRequest(), cancel, keepalive);

    assertThat(response.fmt()).isEqualTo("packed");
    assertThat(device.lastCancel).isSameAs(cancel);
    assertThat(device.lastKeepalive).isSameAs(keepalive);
  }

  @Test
  void getAssertionSendsTheSpecRequestAndReadsTheSpecResponse() throws Exception {
    device.expect(GET_ASSERTION_REQUEST, GET_ASSERTION_RESPONSE);

    GetAssertionResponse response =
        ctap.getAssertion(
            GetAssertionTest.specRequest(), CancelToken.none(), KeepaliveListener.NONE);

    assertThat(response.numberOfCredentials()).contains(1);
    assertThat(response.user().flatMap(UserEntity::name)).contains("johnpsmith@example.com");
  }

  @Test
  void getNextAssertionSendsTheBareCommandByte() throws Exception {
    device.expect("08", GET_ASSERTION_RESPONSE);

    assertThat(ctap.getNextAssertion().signature().length()).isEqualTo(71);
  }

  @Test
  void anErrorStatusBecomesACtapExceptionWithThatStatus() {
    device.expect(GET_ASSERTION_REQUEST, "2e");

    assertThatThrownBy(
            () ->
                ctap.getAssertion(
                    GetAssertionTest.specRequest(), CancelToken.none(), KeepaliveListener.NONE))
        .isInstanceOf(CtapException.class)
        .hasMessage("This key holds no credential for this site; try another key.")
        .extracting(e -> ((CtapException) e).status())
        .isEqualTo(CtapStatus.NO_CREDENTIALS);
  }

  @Test
  void anUnknownStatusKeepsItsCode() {
    device.expect("04", "f2");

    assertThatThrownBy(ctap::getInfo)
        .isInstanceOf(CtapException.class)
        .hasMessage("The key reported vendor error 0xF2.")
        .extracting(e -> ((CtapException) e).status().code())
        .isEqualTo(0xF2);
  }

  @Test
  void aResponseMissingARequiredMemberIsReportedWithTheCommand() {
    device.expect("04", "00a10181684649444f5f325f30");

    assertThatThrownBy(ctap::getInfo)
        .isInstanceOf(CtapException.class)
        .hasMessage(
            "The key sent a getInfo response KeyDesk cannot read (required member 3 is missing);"
                + " update its firmware or try another key.")
        .extracting(e -> ((CtapException) e).status())
        .isEqualTo(CtapStatus.INVALID_CBOR);
  }

  @Test
  void aStatusOnlyResponseToMakeCredentialIsMalformed() {
    device.expect(MAKE_CREDENTIAL_REQUEST, "00");

    assertThatThrownBy(
            () ->
                ctap.makeCredential(
                    MakeCredentialTest.specRequest(), CancelToken.none(), KeepaliveListener.NONE))
        .isInstanceOf(CtapException.class)
        .hasMessageContaining("makeCredential response KeyDesk cannot read")
        .hasMessageContaining("required member 1 is missing");
  }

  @Test
  void aMemberOfTheWrongTypeIsMalformed() {
    // versions is a text string instead of an array
    device.expect("04", "00a201684649444f5f325f300350" + AAGUID);

    assertThatThrownBy(ctap::getInfo)
        .isInstanceOf(CtapException.class)
        .hasMessageContaining("member 1 should be List but is String");
  }

  @Test
  void nonCanonicalCborIsRejected() {
    // keys 3 then 1: out of canonical order
    device.expect("04", "00a20350" + AAGUID + "0181684649444f5f325f30");

    assertThatThrownBy(ctap::getInfo)
        .isInstanceOf(CtapException.class)
        .hasMessageStartingWith("The key sent a response KeyDesk cannot read")
        .extracting(e -> ((CtapException) e).status())
        .isEqualTo(CtapStatus.INVALID_CBOR);
  }

  @Test
  void aNonShortestIntegerIsRejected() {
    // maxMsgSize 1200 written with a 4-byte head (1a000004b0) instead of 2 bytes
    String info = GET_INFO_RESPONSE_BODY.replace("051904b0", "051a000004b0");
    device.expect("04", "00" + info);

    assertThatThrownBy(ctap::getInfo)
        .isInstanceOf(CtapException.class)
        .hasMessageStartingWith("The key sent a response KeyDesk cannot read");
  }

  @Test
  void transportFailuresPassThrough() {
    Ctap2 broken =
        new Ctap2(
            new io.keydesk.hid.CtapDevice() {
              @Override
              public byte[] call(
                  int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive)
                  throws TransportException {
                throw new TransportException("The key was unplugged; plug it in and try again.");
              }

              @Override
              public String describe() {
                return "broken";
              }

              @Override
              public void close() {}
            });

    assertThatThrownBy(broken::getInfo)
        .isInstanceOf(TransportException.class)
        .hasMessage("The key was unplugged; plug it in and try again.");
  }

  @Test
  void subApisShareTheFacadesChannel() {
    assertThat(ctap.channel().device()).isSameAs(device);
  }
}
