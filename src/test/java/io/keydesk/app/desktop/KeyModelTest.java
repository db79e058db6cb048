package io.keydesk.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.authenticator.AuthenticatorState;
import io.keydesk.mds.AuthenticatorModel;
import io.keydesk.mds.AuthenticatorModels;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyModelTest {
  private static final UUID SOME = UUID.fromString("00000000-1111-2222-3333-444444444444");

  @Test
  void keyDesksOwnAuthenticatorIsNamedByTheBundledTable() {
    KeyModel model = KeyModel.of(
        AuthenticatorModels.bundledOnly().lookup(AuthenticatorState.KEYDESK_AAGUID_UUID),
        "CTAPHID simulator 1.0.0");
    assertThat(model).isEqualTo(
        new KeyModel("KeyDesk Software Authenticator", true, Optional.empty()));
  }

  @Test
  void anUnknownAaguidFallsBackToTheProductString() {
    assertThat(KeyModel.of(AuthenticatorModels.bundledOnly().lookup(SOME), "FIDO security key"))
        .isEqualTo(new KeyModel("FIDO security key", false, Optional.empty()));
  }

  @Test
  void aRevokedModelCarriesAWarning() {
    AuthenticatorModel revoked = new AuthenticatorModel(SOME, "Old Key", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("REVOKED"),
        AuthenticatorModel.Source.MDS);
    assertThat(KeyModel.of(revoked).warning()).contains("The FIDO Alliance reports REVOKED for"
        + " this model: don't rely on it alone; add another key and remove this one.");
    AuthenticatorModel certified = new AuthenticatorModel(SOME, "Good Key", Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("FIDO_CERTIFIED_L1"),
        AuthenticatorModel.Source.MDS);
    assertThat(KeyModel.of(certified).warning()).isEmpty();
  }
}
