package io.keydesk.ctap1;

import static io.keydesk.testing.FuzzContract.returnsOrThrows;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keydesk.cbor.Bytes;

/**
 * Fuzzes U2F/APDU parsing (DESIGN.md testing tier 8): the response APDUs and register/authenticate
 * responses a key sends, and the request APDUs the software authenticator receives. Seeds: {@code
 * src/test/resources/io/keydesk/ctap1/U2fFuzzTestInputs/<method>/}.
 */
class U2fFuzzTest {

  /** Request APDUs: a documented IllegalArgumentException, or an APDU that re-encodes stably. */
  @FuzzTest
  void requestApduDecodes(byte[] data) throws Throwable {
    Apdu apdu = returnsOrThrows(() -> Apdu.decode(data), IllegalArgumentException.class);
    if (apdu != null) {
      assertThat(Apdu.decode(apdu.encode())).isEqualTo(apdu);
    }
  }

  @FuzzTest
  void responseApduParses(byte[] data) throws Throwable {
    ApduResponse response = returnsOrThrows(() -> ApduResponse.parse(data), U2fException.class);
    if (response != null) {
      assertThat(response.encode()).isEqualTo(data);
    }
  }

  /** A register response parses to one that serialises to the same bytes, and its key is usable. */
  @FuzzTest
  void registerResponseParses(byte[] data) throws Throwable {
    RegisterResponse response =
        returnsOrThrows(() -> RegisterResponse.parse(Bytes.of(data)), U2fException.class);
    if (response != null) {
      assertThat(response.toBytes().hex()).isEqualTo(Bytes.of(data).hex());
      returnsOrThrows(
          () -> U2fPublicKeys.fromRawPoint(response.userPublicKey()),
          IllegalArgumentException.class);
    }
  }

  @FuzzTest
  void authenticateResponseParses(byte[] data) throws Throwable {
    AuthenticateResponse response =
        returnsOrThrows(() -> AuthenticateResponse.parse(Bytes.of(data)), U2fException.class);
    if (response != null) {
      assertThat(response.toBytes().hex()).isEqualTo(Bytes.of(data).hex());
    }
  }
}
