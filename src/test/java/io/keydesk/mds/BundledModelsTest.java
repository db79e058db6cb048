package io.keydesk.mds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BundledModelsTest {
  @Test
  void keyDeskSoftwareAuthenticatorByBytes() {
    byte[] aaguid = HexFormat.of().parseHex("83d56a1a042a45e2ba464e6f5a3a1acd");
    AuthenticatorModel model = AuthenticatorModels.bundledOnly().lookup(aaguid).orElseThrow();
    assertThat(model.name()).isEqualTo("KeyDesk Software Authenticator");
    assertThat(model.vendor()).contains("KeyDesk");
    assertThat(model.source()).isEqualTo(AuthenticatorModel.Source.BUNDLED);
    assertThat(model.icon()).isEmpty();
    assertThat(model.certification()).isEmpty();
  }

  @Test
  void wellKnownKeysByUuid() {
    AuthenticatorModels models = AuthenticatorModels.bundledOnly();
    assertThat(models.lookup(Aaguids.parse("2fc0579f-8113-47ea-b116-bb5a8db9202a")))
        .map(AuthenticatorModel::name)
        .contains("YubiKey 5 Series with NFC");
    assertThat(models.lookup(Aaguids.parse("EE882879721C491397753DFCCE97072A")))
        .map(AuthenticatorModel::name)
        .contains("YubiKey 5 Series");
    assertThat(models.lookup(Aaguids.parse("42b4fb4a-2866-43b2-9bf7-6c6669c2e5d3")))
        .map(m -> m.vendor().orElseThrow() + ": " + m.name())
        .contains("Google: Google Titan Security Key v2");
  }

  @Test
  void unknownAndZeroAaguidsAreNotFound() {
    AuthenticatorModels models = AuthenticatorModels.bundledOnly();
    assertThat(models.lookup(Aaguids.ZERO)).isEmpty();
    assertThat(models.lookup(UUID.fromString("00000000-0000-0000-0000-000000000001"))).isEmpty();
    assertThat(models.metadata()).isEmpty();
    assertThat(models.notice()).isEmpty();
  }

  @Test
  void tableIsSmallAndEveryEntryIsNamed() {
    assertThat(BundledModels.all()).hasSizeBetween(10, 60);
    assertThat(BundledModels.all().values())
        .allSatisfy(
            m -> {
              assertThat(m.name()).isNotBlank();
              assertThat(m.vendor()).isPresent();
            });
  }

  @Test
  void aaguidTextIsParsedStrictly() {
    assertThat(Aaguids.parse(" 83D56A1A-042A-45E2-BA46-4E6F5A3A1ACD "))
        .isEqualTo(UUID.fromString("83d56a1a-042a-45e2-ba46-4e6f5a3a1acd"));
    assertThatThrownBy(() -> Aaguids.parse("1-2-3-4-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'1-2-3-4-5' is not an AAGUID: give 32 hex digits, e.g."
                + " 2fc0579f-8113-47ea-b116-bb5a8db9202a.");
    assertThatThrownBy(() -> Aaguids.fromBytes(new byte[15]))
        .hasMessage("An AAGUID is 16 bytes, not 15.");
  }

  @Test
  void describeAddsCertificationAndCompromiseWarnings() {
    UUID aaguid = UUID.randomUUID();
    AuthenticatorModel certified =
        new AuthenticatorModel(
            aaguid,
            "Key",
            Optional.empty(),
            Optional.empty(),
            Optional.of("FIDO_CERTIFIED_L1plus"),
            Optional.of("FIDO_CERTIFIED_L1plus"),
            AuthenticatorModel.Source.MDS);
    assertThat(certified.describe()).isEqualTo("Key (FIDO certified L1+)");
    AuthenticatorModel revoked =
        new AuthenticatorModel(
            aaguid,
            "Key",
            Optional.empty(),
            Optional.empty(),
            Optional.of("FIDO_CERTIFIED"),
            Optional.of("REVOKED"),
            AuthenticatorModel.Source.MDS);
    assertThat(revoked.isCompromised()).isTrue();
    assertThat(revoked.describe())
        .isEqualTo(
            "Key (FIDO certified); WARNING: the FIDO Alliance reports REVOKED for this model");
  }
}
