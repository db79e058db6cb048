package io.keydesk.webauthn;

import static io.keydesk.testing.FuzzContract.returnsOrThrows;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keydesk.cbor.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the WebAuthn data KeyDesk reads from authenticators and relying parties (DESIGN.md testing
 * tier 8): authenticator data, attestation objects (and their verification), COSE keys,
 * clientDataJSON and the L3 JSON options of an RP. Each returns a value or throws a {@link
 * WebAuthnClientException} with a message. Seeds: {@code
 * src/test/resources/io/keydesk/webauthn/WebAuthnFuzzTestInputs/<method>/}.
 */
class WebAuthnFuzzTest {

  /** authData parses and serialises back to the very same bytes. */
  @FuzzTest
  void authenticatorDataRoundTrips(byte[] data) throws Throwable {
    AuthenticatorData parsed =
        returnsOrThrows(
            () -> AuthenticatorData.parse(Bytes.of(data)), WebAuthnClientException.class);
    if (parsed != null) {
      assertThat(parsed.toBytes().hex()).isEqualTo(Bytes.of(data).hex());
    }
  }

  /** An attestation object parses, and verifying it never throws (a bad one is UNVERIFIED). */
  @FuzzTest
  void attestationObjectParsesAndVerifies(byte[] data) throws Throwable {
    AttestationObject parsed =
        returnsOrThrows(
            () -> AttestationObject.parse(Bytes.of(data)), WebAuthnClientException.class);
    if (parsed != null) {
      assertThat(AttestationVerifier.verify(parsed, Bytes.of(new byte[32]))).isNotNull();
      returnsOrThrows(parsed::authData, WebAuthnClientException.class);
    }
  }

  /** A COSE key decodes to a key that encodes and decodes to itself. */
  @FuzzTest
  void coseKeyDecodes(byte[] data) throws Throwable {
    CoseKey key =
        returnsOrThrows(() -> CoseKey.decode(Bytes.of(data)), WebAuthnClientException.class);
    if (key != null) {
      assertThat(CoseKey.decode(key.toBytes())).isEqualTo(key);
      assertThat(key.verify(Bytes.of(data), Bytes.of(data))).isFalse();
    }
  }

  @FuzzTest
  void clientDataParses(byte[] data) throws Throwable {
    returnsOrThrows(() -> CollectedClientData.parse(Bytes.of(data)), WebAuthnClientException.class);
  }

  /** Creation options from an RP: read, then checked as the client does before any I/O. */
  @FuzzTest
  void creationOptionsParse(byte[] data) throws Throwable {
    String json = new String(data, StandardCharsets.UTF_8);
    returnsOrThrows(
        () ->
            OptionsValidator.checkCreation(
                WebAuthnJson.read(json, PublicKeyCredentialCreationOptionsJSON.class),
                OptionsValidator.DEFAULT_ALGORITHMS),
        WebAuthnClientException.class);
  }

  /** Request options from an RP: read, then checked as the client does before any I/O. */
  @FuzzTest
  void requestOptionsParse(byte[] data) throws Throwable {
    String json = new String(data, StandardCharsets.UTF_8);
    returnsOrThrows(
        () -> {
          OptionsValidator.checkRequest(
              WebAuthnJson.read(json, PublicKeyCredentialRequestOptionsJSON.class));
          return null;
        },
        WebAuthnClientException.class);
  }
}
