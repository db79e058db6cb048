package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsValidatorTest {
  private static final Bytes CHALLENGE = Bytes.of(new byte[32]);
  private static final Set<Long> SUPPORTED = Set.of(-7L, -8L);

  private static PublicKeyCredentialCreationOptionsJSON creation(
      Bytes userId,
      Bytes challenge,
      List<PublicKeyCredentialParameters> params,
      List<PublicKeyCredentialDescriptorJSON> exclude) {
    return new PublicKeyCredentialCreationOptionsJSON(
        new PublicKeyCredentialRpEntity(Optional.of("example.com"), "Example"),
        new PublicKeyCredentialUserEntityJSON(userId, "ada", "Ada"),
        challenge,
        params,
        Optional.empty(),
        exclude,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  private static PublicKeyCredentialCreationOptionsJSON valid() {
    return creation(
        Bytes.of(new byte[64]),
        CHALLENGE,
        List.of(
            PublicKeyCredentialParameters.publicKey(-257),
            PublicKeyCredentialParameters.publicKey(-8),
            new PublicKeyCredentialParameters("future-type", -7),
            PublicKeyCredentialParameters.publicKey(-7)),
        List.of());
  }

  @Test
  void keepsSupportedAlgorithmsInTheRelyingPartysOrder() throws Exception {
    assertThat(OptionsValidator.checkCreation(valid(), SUPPORTED))
        .containsExactly(
            PublicKeyCredentialParameters.publicKey(-8),
            PublicKeyCredentialParameters.publicKey(-7));
  }

  @Test
  void emptyParamsMeanEs256AndRs256() throws Exception {
    assertThat(
            OptionsValidator.checkCreation(
                creation(Bytes.fromHex("01"), CHALLENGE, List.of(), List.of()), SUPPORTED))
        .containsExactly(PublicKeyCredentialParameters.publicKey(-7));
  }

  @Test
  void noSupportedAlgorithmIsNotSupportedError() {
    assertThatThrownBy(
            () ->
                OptionsValidator.checkCreation(
                    creation(
                        Bytes.fromHex("01"),
                        CHALLENGE,
                        List.of(PublicKeyCredentialParameters.publicKey(-257)),
                        List.of()),
                    SUPPORTED))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageStartingWith("none of the relying party's algorithms [-257] is supported")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.NOT_SUPPORTED);
  }

  @Test
  void userIdMustBe1To64Bytes() {
    for (int length : new int[] {0, 65}) {
      assertThatThrownBy(
              () ->
                  OptionsValidator.checkCreation(
                      creation(Bytes.of(new byte[length]), CHALLENGE, List.of(), List.of()),
                      SUPPORTED))
          .isInstanceOf(WebAuthnClientException.class)
          .hasMessage(
              "user.id is "
                  + length
                  + " bytes; WebAuthn requires 1 to 64 bytes"
                  + " (§5.1.3). The relying party must send a valid user handle.")
          .extracting(e -> ((WebAuthnClientException) e).code())
          .isEqualTo(WebAuthnClientException.Code.TYPE_ERROR);
    }
  }

  @Test
  void emptyChallengeIsRefusedAndShortChallengeWarns() throws Exception {
    assertThatThrownBy(
            () ->
                OptionsValidator.checkCreation(
                    creation(Bytes.fromHex("01"), Bytes.empty(), List.of(), List.of()), SUPPORTED))
        .hasMessage(
            "the challenge is empty; the relying party must send a fresh random"
                + " challenge (§13.4.3).");
    assertThat(OptionsValidator.challengeWarning(Bytes.of(new byte[15])))
        .contains(
            "the relying party's challenge is only 15 bytes; at least 16 random bytes are"
                + " recommended (§13.4.3), so replay protection is weak");
    assertThat(OptionsValidator.challengeWarning(Bytes.of(new byte[16]))).isEmpty();
    // A short challenge is allowed (only warned about).
    OptionsValidator.checkCreation(
        creation(Bytes.fromHex("01"), Bytes.of(new byte[8]), List.of(), List.of()), SUPPORTED);
  }

  @Test
  void credentialIdsOver1023BytesAreRefused() throws Exception {
    List<PublicKeyCredentialDescriptorJSON> list =
        List.of(
            PublicKeyCredentialDescriptorJSON.publicKey(Bytes.of(new byte[1023])),
            PublicKeyCredentialDescriptorJSON.publicKey(Bytes.of(new byte[1024])));
    assertThatThrownBy(
            () ->
                OptionsValidator.checkCreation(
                    creation(Bytes.fromHex("01"), CHALLENGE, List.of(), list), SUPPORTED))
        .hasMessage(
            "excludeCredentials[1].id is 1024 bytes; credential IDs are at most 1023"
                + " bytes (§6.1). The relying party's list is corrupt.");
    PublicKeyCredentialRequestOptionsJSON request =
        new PublicKeyCredentialRequestOptionsJSON(
            CHALLENGE,
            Optional.empty(),
            Optional.empty(),
            list,
            Optional.empty(),
            List.of(),
            Optional.empty());
    assertThatThrownBy(() -> OptionsValidator.checkRequest(request))
        .hasMessageStartingWith("allowCredentials[1].id is 1024 bytes")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.TYPE_ERROR);
    OptionsValidator.checkRequest(
        new PublicKeyCredentialRequestOptionsJSON(
            CHALLENGE,
            Optional.empty(),
            Optional.empty(),
            list.subList(0, 1),
            Optional.empty(),
            List.of(),
            Optional.empty()));
  }
}
