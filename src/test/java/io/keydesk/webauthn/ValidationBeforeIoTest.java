package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.KeepaliveListener;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal happens before the key is touched: the device fails the test if it is called. */
class ValidationBeforeIoTest {
  static final class UntouchableDevice implements CtapDevice {
    @Override
    public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener k) {
      throw new AssertionError("the device was used before the inputs were checked");
    }

    @Override
    public String describe() {
      return "untouchable";
    }

    @Override
    public void close() {}
  }

  static final UserInteraction NO_USER =
      new UserInteraction() {
        @Override
        public void promptTouch() {
          throw new AssertionError("touch prompt");
        }

        @Override
        public Optional<char[]> requestPin(PinRequest request) {
          throw new AssertionError("PIN prompt");
        }

        @Override
        public boolean requestUv(UvRequest request) {
          throw new AssertionError("UV prompt");
        }
      };

  static final String CHALLENGE = Bytes.of(new byte[32]).base64Url();

  static String creation(String rpId, String userId, String algs) {
    return "{\"rp\":{"
        + (rpId.isEmpty() ? "" : "\"id\":\"" + rpId + "\",")
        + "\"name\":\"Example\"},\"user\":{\"id\":\""
        + userId
        + "\",\"name\":\"a\",\"displayName\":\"A\"},\"challenge\":\""
        + CHALLENGE
        + "\",\"pubKeyCredParams\":["
        + algs
        + "]}";
  }

  @ParameterizedTest(name = "create {0} rp={1} -> {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://login.example.com | evil.com | AQ | {\"type\":\"public-key\",\"alg\":-7} |"
            + " SECURITY_ERROR | the RP ID must be the origin's host",
        "https://www.example.co.uk | co.uk | AQ | {\"type\":\"public-key\",\"alg\":-7} |"
            + " SECURITY_ERROR | the RP ID is a public suffix",
        "https://github.io | | AQ | {\"type\":\"public-key\",\"alg\":-7} |"
            + " SECURITY_ERROR | the RP ID is a public suffix",
        "http://example.com | example.com | AQ | {\"type\":\"public-key\",\"alg\":-7} |"
            + " SECURITY_ERROR | plain http is allowed only for localhost",
        "https://192.168.1.10 | | AQ | {\"type\":\"public-key\",\"alg\":-7} |"
            + " SECURITY_ERROR | an IP address is not a valid domain",
        "https://[::1]:8443 | | AQ | {\"type\":\"public-key\",\"alg\":-7} |"
            + " SECURITY_ERROR | an IP address is not a valid domain",
        "https://example.com | example.com |"
            + " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA |"
            + " {\"type\":\"public-key\",\"alg\":-7} | TYPE_ERROR | user.id is 65 bytes",
        "https://example.com | example.com | AQ | {\"type\":\"public-key\",\"alg\":-65535} |"
            + " NOT_SUPPORTED | none of the relying party's algorithms [-65535] is supported",
        "https://example.com | example.com | AQ | {\"type\":\"password\",\"alg\":-7} |"
            + " NOT_SUPPORTED | none of the relying party's algorithms [-7] is supported",
      })
  void createIsRefusedBeforeAnyDeviceIo(
      String origin, String rpId, String userId, String algs, String code, String message) {
    String json = creation(rpId == null ? "" : rpId, userId, algs);
    WebAuthnClient client = new WebAuthnClient(new UntouchableDevice());
    assertThatThrownBy(
            () ->
                client.create(
                    WebAuthnJson.read(json, PublicKeyCredentialCreationOptionsJSON.class),
                    origin,
                    NO_USER,
                    CancelToken.none()))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((WebAuthnClientException) e).code().name())
        .isEqualTo(code);
  }

  @ParameterizedTest(name = "get {0} rp={1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://login.example.com | other.com | {} | SECURITY_ERROR | parent domain",
        "https://example.com | com | {} | SECURITY_ERROR | public suffix",
        "http://example.com | | {} | SECURITY_ERROR | plain http",
        "https://10.0.0.1 | | {} | SECURITY_ERROR | IP address",
        "https://example.com | | {\"prf\":{\"evalByCredential\":{\"AQ\":{\"first\":\"AA\"}}}} |"
            + " TYPE_ERROR | needs allowCredentials",
        "https://example.com | | {\"hmacGetSecret\":{\"salt1\":\"AA\"}} | TYPE_ERROR |"
            + " salts must be 32 bytes",
      })
  void getIsRefusedBeforeAnyDeviceIo(
      String origin, String rpId, String extensions, String code, String message) {
    String json =
        "{\"challenge\":\""
            + CHALLENGE
            + "\""
            + (rpId == null ? "" : ",\"rpId\":\"" + rpId + "\"")
            + ",\"extensions\":"
            + extensions
            + "}";
    WebAuthnClient client = new WebAuthnClient(new UntouchableDevice());
    assertThatThrownBy(
            () ->
                client.get(
                    WebAuthnJson.read(json, PublicKeyCredentialRequestOptionsJSON.class),
                    origin,
                    NO_USER,
                    CancelToken.none()))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((WebAuthnClientException) e).code().name())
        .isEqualTo(code);
  }
}
