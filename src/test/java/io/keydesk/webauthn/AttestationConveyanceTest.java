package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.Info;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WebAuthn L3 §5.1.3 constructCredentialAlg step 1 and §5.4.7, clause by clause. */
class AttestationConveyanceTest {
  static final Bytes ZERO = Bytes.of(new byte[16]);
  static final Bytes MODEL = Bytes.fromHex("0123456789abcdef0123456789abcdef");
  static final CborMap BATCH =
      CborMap.builder()
          .put("alg", -7L)
          .put("sig", Bytes.of(new byte[] {1, 2}))
          .put("x5c", List.of(Bytes.of(new byte[] {3})))
          .build();
  static final CborMap SELF =
      CborMap.builder().put("alg", -7L).put("sig", Bytes.of(new byte[] {1, 2})).build();

  static Bytes authData(Bytes aaguid) {
    CborMap key = CborMap.builder().put(1L, 2L).put(3L, -7L).build();
    return new AuthenticatorData(
            Bytes.of(new byte[32]),
            AuthenticatorData.FLAG_UP | AuthenticatorData.FLAG_AT,
            0,
            Optional.of(new AttestedCredentialData(aaguid, Bytes.of(new byte[] {9, 9}), key)),
            Optional.empty())
        .toBytes();
  }

  @Test
  void noneReplacesABatchAttestationAndKeepsTheAaguid() throws Exception {
    AttestationObject packed = new AttestationObject("packed", BATCH, authData(MODEL));

    AttestationObject sent = AttestationConveyance.apply("none", packed);

    assertThat(sent.fmt()).isEqualTo("none");
    assertThat(sent.attStmt()).isEqualTo(CborMap.empty());
    // L3 no longer zeroes the AAGUID: the authenticator data are the authenticator's bytes.
    assertThat(sent.authDataBytes()).isEqualTo(authData(MODEL));
    assertThat(sent.authData().attestedCredentialData().orElseThrow().aaguid()).isEqualTo(MODEL);
  }

  @Test
  void noneKeepsASelfAttestation() throws Exception {
    AttestationObject self = new AttestationObject("packed", SELF, authData(ZERO));

    assertThat(AttestationConveyance.apply("none", self)).isSameAs(self);
  }

  @Test
  void noneReplacesSelfSignedPackedWithANonZeroAaguid() throws Exception {
    // The exemption needs all three: zero AAGUID, "packed" and no "x5c".
    AttestationObject packedNoX5c = new AttestationObject("packed", SELF, authData(MODEL));
    AttestationObject u2f = new AttestationObject("fido-u2f", BATCH, authData(ZERO));

    assertThat(AttestationConveyance.apply("none", packedNoX5c).fmt()).isEqualTo("none");
    assertThat(AttestationConveyance.apply("none", u2f).fmt()).isEqualTo("none");
    assertThat(AttestationConveyance.apply("none", u2f).attStmt()).isEqualTo(CborMap.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"direct", "enterprise", "indirect"})
  void directEnterpriseAndIndirectAreConveyedUnaltered(String preference) throws Exception {
    AttestationObject packed = new AttestationObject("packed", BATCH, authData(MODEL));

    assertThat(AttestationConveyance.apply(preference, packed)).isSameAs(packed);
  }

  @Test
  void absentOrUnknownPreferenceMeansNone() {
    assertThat(AttestationConveyance.effective(Optional.empty())).isEqualTo("none");
    assertThat(AttestationConveyance.effective(Optional.of("everything"))).isEqualTo("none");
    assertThat(AttestationConveyance.effective(Optional.of("direct"))).isEqualTo("direct");
  }

  @Test
  void theFormatsPreferenceGoesOnlyToKeysThatKnowIt() {
    Info ctap21 = Info.builder(List.of("FIDO_2_0", "FIDO_2_1"), MODEL).build();
    Info ctap22 = Info.builder(List.of("FIDO_2_1", "FIDO_2_2"), MODEL).build();
    Info listsFormats =
        Info.builder(List.of("FIDO_2_1"), MODEL).attestationFormats(List.of("packed")).build();

    assertThat(AttestationConveyance.formatsPreference("none", List.of(), ctap21)).isEmpty();
    assertThat(AttestationConveyance.formatsPreference("none", List.of(), ctap22))
        .containsExactly("none");
    assertThat(AttestationConveyance.formatsPreference("none", List.of("packed"), listsFormats))
        .containsExactly("none");
    assertThat(AttestationConveyance.formatsPreference("direct", List.of("packed"), ctap22))
        .containsExactly("packed");
    assertThat(AttestationConveyance.formatsPreference("direct", List.of(), ctap22)).isEmpty();
  }
}
