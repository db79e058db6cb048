package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yubico.webauthn.data.ByteArray;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticatorDataTest {
  private static final Bytes RP_ID_HASH =
      Bytes.fromHex("bfabc37432958b063360d3ad6461c9c4735ae7f8edd46592a5e0f01452b2e4b5");

  /** The authData inside the §16.2 attestation object (after the "authData" key and 58 a4 head). */
  private static Bytes specRegistrationAuthData() throws Exception {
    return AttestationObject.parse(SpecVectors.NONE_ES256_ATTESTATION_OBJECT).authDataBytes();
  }

  @Test
  void parsesTheSpecRegistrationAuthData() throws Exception {
    Bytes raw = specRegistrationAuthData();
    AuthenticatorData data = AuthenticatorData.parse(raw);
    assertThat(data.rpIdHash()).isEqualTo(RP_ID_HASH);
    assertThat(data.flags()).isEqualTo(0x59);
    assertThat(data.userPresent()).isTrue();
    assertThat(data.userVerified()).isFalse();
    assertThat(data.backupEligible()).isTrue();
    assertThat(data.backedUp()).isTrue();
    assertThat(data.signCount()).isZero();
    AttestedCredentialData attested = data.attestedCredentialData().orElseThrow();
    assertThat(attested.aaguid()).isEqualTo(SpecVectors.NONE_ES256_AAGUID);
    assertThat(attested.aaguidUuid())
        .isEqualTo(UUID.fromString("8446ccb9-ab1d-b374-750b-2367ff6f3a1f"));
    assertThat(attested.credentialId()).isEqualTo(SpecVectors.NONE_ES256_CREDENTIAL_ID);
    assertThat(attested.coseKey().algorithm()).isEqualTo(CoseAlgorithm.ES256);
    assertThat(data.extensions()).isEmpty();
    assertThat(data.toBytes()).isEqualTo(raw);
  }

  @Test
  void parsesTheSpecAssertionAuthData() throws Exception {
    AuthenticatorData data = AuthenticatorData.parse(SpecVectors.NONE_ES256_AUTH_DATA);
    assertThat(data.flags()).isEqualTo(0x19);
    assertThat(data.attestedCredentialData()).isEmpty();
    assertThat(data.toBytes()).isEqualTo(SpecVectors.NONE_ES256_AUTH_DATA);
  }

  @Test
  void agreesWithYubicoJavaWebAuthnServer() throws Exception {
    for (Bytes raw :
        new Bytes[] {
          specRegistrationAuthData(), SpecVectors.NONE_ES256_AUTH_DATA, withExtensions()
        }) {
      AuthenticatorData ours = AuthenticatorData.parse(raw);
      com.yubico.webauthn.data.AuthenticatorData theirs =
          new com.yubico.webauthn.data.AuthenticatorData(new ByteArray(raw.toArray()));
      assertThat(theirs.getRpIdHash().getHex()).isEqualTo(ours.rpIdHash().hex());
      assertThat(theirs.getSignatureCounter()).isEqualTo(ours.signCount());
      assertThat(theirs.getFlags().UP).isEqualTo(ours.userPresent());
      assertThat(theirs.getFlags().UV).isEqualTo(ours.userVerified());
      assertThat(theirs.getFlags().BE).isEqualTo(ours.backupEligible());
      assertThat(theirs.getFlags().BS).isEqualTo(ours.backedUp());
      assertThat(theirs.getFlags().AT).isEqualTo(ours.attestedCredentialData().isPresent());
      assertThat(theirs.getFlags().ED).isEqualTo(ours.extensions().isPresent());
      assertThat(theirs.getAttestedCredentialData().isPresent())
          .isEqualTo(ours.attestedCredentialData().isPresent());
      if (ours.attestedCredentialData().isPresent()) {
        AttestedCredentialData attested = ours.attestedCredentialData().get();
        var yubico = theirs.getAttestedCredentialData().get();
        assertThat(yubico.getAaguid().getHex()).isEqualTo(attested.aaguid().hex());
        assertThat(yubico.getCredentialId().getHex()).isEqualTo(attested.credentialId().hex());
        assertThat(yubico.getCredentialPublicKey().getHex())
            .isEqualTo(attested.credentialPublicKeyBytes().hex());
      }
    }
  }

  @Test
  void builderAndParserAgreeWithExtensions() throws Exception {
    Bytes raw = withExtensions();
    AuthenticatorData data = AuthenticatorData.parse(raw);
    assertThat(data.extensions().orElseThrow().getLong("credProtect")).isEqualTo(2);
    assertThat(data.extensions().orElseThrow().getBoolean("hmac-secret")).isTrue();
    assertThat(raw.slice(32, 37).hex()).isEqualTo("c500000007");
    assertThat(data.toBytes()).isEqualTo(raw);
  }

  @Test
  void edFlagWithoutAttestedCredentialData() throws Exception {
    Bytes raw =
        Bytes.concat(RP_ID_HASH, Bytes.fromHex("81 0000002a a1 6b 6372656450726f74656374 02"));
    AuthenticatorData data = AuthenticatorData.parse(raw);
    assertThat(data.signCount()).isEqualTo(42);
    assertThat(data.extensions().orElseThrow().getLong("credProtect")).isEqualTo(2);
  }

  @Test
  void signCountIsUnsigned32Bit() throws Exception {
    Bytes raw = Bytes.concat(RP_ID_HASH, Bytes.fromHex("01 ffffffff"));
    assertThat(AuthenticatorData.parse(raw).signCount()).isEqualTo(0xFFFFFFFFL);
  }

  @Test
  void truncatedHeaderIsRefused() {
    assertMalformed(
        Bytes.concat(RP_ID_HASH, Bytes.fromHex("01 000000")),
        "it is 36 bytes, but rpIdHash, flags and signCount alone take 37");
    assertMalformed(
        Bytes.empty(), "it is 0 bytes, but rpIdHash, flags and signCount alone take 37");
  }

  @Test
  void trailingBytesAreRefused() throws Exception {
    assertMalformed(
        Bytes.concat(SpecVectors.NONE_ES256_AUTH_DATA, Bytes.fromHex("00")),
        "1 trailing bytes at offset 37 that no flag accounts for (AT=false, ED=false)");
    assertMalformed(
        Bytes.concat(specRegistrationAuthData(), Bytes.fromHex("a0")),
        "1 trailing bytes at offset 164 that no flag accounts for (AT=true, ED=false)");
  }

  @Test
  void atFlagWithoutDataIsRefused() {
    assertMalformed(
        Bytes.concat(RP_ID_HASH, Bytes.fromHex("41 00000000")),
        "the AT flag is set but only 0 bytes follow signCount; AAGUID and credential ID length"
            + " need 18");
  }

  @Test
  void truncatedCredentialIsRefused() throws Exception {
    Bytes full = specRegistrationAuthData();
    assertMalformed(
        full.slice(0, 37 + 18 + 10), "credentialIdLength is 32 but only 10 bytes follow");
    assertMalformed(
        full.slice(0, 37 + 18 + 32),
        "the credential public key is missing: the data ends at offset 87");
    assertThatThrownBy(() -> AuthenticatorData.parse(full.slice(0, full.length() - 1)))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageContaining("the credential public key is not valid CTAP2 CBOR")
        .hasMessageContaining("exceeds the 31 bytes left");
  }

  @Test
  void credentialIdOver1023BytesIsRefused() {
    Bytes raw =
        Bytes.concat(
            RP_ID_HASH,
            Bytes.fromHex("41 00000000"),
            Bytes.of(new byte[16]),
            Bytes.fromHex("0400"),
            Bytes.of(new byte[1024]),
            Bytes.fromHex("a0"));
    assertMalformed(raw, "credentialIdLength is 1024; at most 1023 is allowed");
  }

  @Test
  void edFlagWithoutExtensionsIsRefused() {
    assertMalformed(
        Bytes.concat(RP_ID_HASH, Bytes.fromHex("81 00000000")),
        "the extension output map is missing: the data ends at offset 37");
    assertMalformed(
        Bytes.concat(RP_ID_HASH, Bytes.fromHex("81 00000000 80")),
        "the extension output map at offset 37 is not a CBOR map");
  }

  @Test
  void extensionsWithoutEdFlagAreTrailingBytes() {
    assertMalformed(
        Bytes.concat(RP_ID_HASH, Bytes.fromHex("01 00000000 a0")),
        "1 trailing bytes at offset 37 that no flag accounts for (AT=false, ED=false)");
  }

  @Test
  void recordRefusesFlagsThatDisagreeWithContent() {
    assertThatThrownBy(
            () ->
                new AuthenticatorData(
                    RP_ID_HASH, AuthenticatorData.FLAG_AT, 0, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the AT flag must be set exactly when there is attested credential data");
  }

  private static Bytes withExtensions() throws Exception {
    AttestedCredentialData attested =
        AuthenticatorData.parse(specRegistrationAuthData()).attestedCredentialData().orElseThrow();
    CborMap extensions = CborMap.builder().put("credProtect", 2L).put("hmac-secret", true).build();
    return new AuthenticatorData(
            RP_ID_HASH,
            AuthenticatorData.FLAG_UP
                | AuthenticatorData.FLAG_UV
                | AuthenticatorData.FLAG_AT
                | AuthenticatorData.FLAG_ED,
            7,
            Optional.of(attested),
            Optional.of(extensions))
        .toBytes();
  }

  private static void assertMalformed(Bytes raw, String problem) {
    assertThatThrownBy(() -> AuthenticatorData.parse(raw))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage(
            "authenticator data is malformed: "
                + problem
                + ". The security key sent"
                + " bytes WebAuthn does not allow; try again or use another key.")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.ENCODING_ERROR);
  }
}
