package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.AAGUID;
import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialId;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialPublicKey;
import static io.keydesk.authenticator.ctap.TestAuthenticator.mc;
import static io.keydesk.authenticator.ctap.TestAuthenticator.rk;
import static io.keydesk.authenticator.ctap.TestAuthenticator.sha256;
import static io.keydesk.authenticator.ctap.TestAuthenticator.statusOf;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.authenticator.ctap.ScriptedPresence.Answer;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.CtapCommand;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.MakeCredentialRequest;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

class MakeCredentialOperationTest {
  private final TestAuthenticator authenticator = new TestAuthenticator();

  @Test
  void packedBatchAttestationVerifiesUpToTheRoot() throws Exception {
    MakeCredentialResponse response =
        authenticator.makeCredential(mc("example.com", user("alice")).build());

    Bytes authData = response.authData();
    assertThat(response.fmt()).isEqualTo("packed");
    assertThat(authData.slice(0, 32)).isEqualTo(sha256("example.com"));
    assertThat(TestAuthenticator.flags(authData)).isEqualTo(0x41); // UP | AT
    assertThat(TestAuthenticator.signCount(authData)).isZero();
    assertThat(authData.slice(37, 53)).isEqualTo(AAGUID);
    assertThat(credentialId(authData).length()).isEqualTo(CredentialIdWrapper.ID_LENGTH);
    CborMap publicKey = credentialPublicKey(authData);
    assertThat(publicKey.getLong(3)).isEqualTo(-7);
    assertThat(publicKey.getLong(-1)).isEqualTo(1);

    CborMap attStmt = response.attStmt();
    assertThat(attStmt.getLong("alg")).isEqualTo(-7);
    List<Object> x5c = attStmt.getList("x5c");
    assertThat(x5c).hasSize(1);
    BatchAttestation batch = authenticator.processor.attestation();
    X509Certificate certificate = batch.batchCertificate();
    assertThat(Bytes.of(certificate.getEncoded())).isEqualTo(x5c.get(0));
    certificate.verify(batch.rootX509().getPublicKey());
    batch.rootX509().verify(batch.rootX509().getPublicKey());
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo(
            "CN=KeyDesk Software Authenticator Batch 1,OU=Authenticator"
                + " Attestation,O=KeyDesk,C=US");
    byte[] extension = certificate.getExtensionValue("1.3.6.1.4.1.45724.1.1.4");
    ASN1OctetString outer = ASN1OctetString.getInstance(extension);
    assertThat(ASN1OctetString.getInstance(outer.getOctets()).getOctets())
        .isEqualTo(AAGUID.toArray());
    assertThat(
            CoseVerifier.verify(
                certificate.getPublicKey(),
                Bytes.concat(authData, CLIENT_DATA_HASH),
                attStmt.getBytes("sig")))
        .isTrue();
  }

  @Test
  void eddsaWithSelfAttestationIsSignedByTheCredentialKey() throws Exception {
    TestAuthenticator self =
        new TestAuthenticator(
            Ctap2Config.defaults(AAGUID).withAttestationMode(AttestationMode.PACKED_SELF));
    MakeCredentialResponse response =
        self.makeCredential(
            mc("example.com", user("alice"), CredentialParameters.EDDSA, CredentialParameters.ES256)
                .build());

    CborMap publicKey = credentialPublicKey(response.authData());
    assertThat(publicKey.getLong(1)).isEqualTo(1); // OKP
    assertThat(publicKey.getLong(3)).isEqualTo(-8);
    assertThat(publicKey.getLong(-1)).isEqualTo(6); // Ed25519
    assertThat(response.fmt()).isEqualTo("packed");
    assertThat(response.attStmt().keys()).containsExactlyInAnyOrder("alg", "sig");
    assertThat(response.attStmt().getLong("alg")).isEqualTo(-8);
    assertThat(
            CoseVerifier.verify(
                publicKey,
                Bytes.concat(response.authData(), CLIENT_DATA_HASH),
                response.attStmt().getBytes("sig")))
        .isTrue();
  }

  @Test
  void noneWhenThePlatformPrefersIt() throws Exception {
    MakeCredentialResponse response =
        authenticator.makeCredential(
            mc("example.com", user("alice"))
                .attestationFormatsPreference(List.of("tpm", "none"))
                .build());

    assertThat(response.fmt()).isEqualTo("none");
    assertThat(response.attStmt()).isEqualTo(CborMap.empty());
  }

  @Test
  void unsupportedAlgorithmsAreRefused() {
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        mc("example.com", user("alice"), CredentialParameters.RS256).build())))
        .isEqualTo(CtapStatus.UNSUPPORTED_ALGORITHM);
    assertThat(authenticator.presence.requests()).isZero();
  }

  @Test
  void optionErrors() {
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        mc("example.com", user("a"))
                            .options(RequestOptions.none().withUv(true))
                            .build())))
        .isEqualTo(CtapStatus.INVALID_OPTION);
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        mc("example.com", user("a"))
                            .options(RequestOptions.none().withUp(false))
                            .build())))
        .isEqualTo(CtapStatus.INVALID_OPTION);
    assertThat(
            statusOf(
                () ->
                    authenticator.makeCredential(
                        mc("example.com", user("a")).enterpriseAttestation(1).build())))
        .isEqualTo(CtapStatus.INVALID_PARAMETER);
  }

  @Test
  void excludedCredentialAnswersAfterATouch() throws Exception {
    Bytes id =
        credentialId(
            authenticator.makeCredential(mc("example.com", user("alice")).build()).authData());
    int before = authenticator.presence.requests();
    MakeCredentialRequest again =
        mc("example.com", user("alice"))
            .excludeList(
                List.of(
                    PublicKeyCredentialDescriptor.publicKey(Bytes.fromHex("00112233")),
                    PublicKeyCredentialDescriptor.publicKey(id)))
            .build();

    assertThat(statusOf(() -> authenticator.makeCredential(again)))
        .isEqualTo(CtapStatus.CREDENTIAL_EXCLUDED);
    assertThat(authenticator.presence.requests()).isEqualTo(before + 1);
    authenticator.presence.next(Answer.DENY);
    assertThat(statusOf(() -> authenticator.makeCredential(again)))
        .isEqualTo(CtapStatus.OPERATION_DENIED);

    // The same ID excludes nothing at another RP: the AEAD binds it to example.com.
    MakeCredentialResponse elsewhere =
        authenticator.makeCredential(
            mc("other.example", user("alice"))
                .excludeList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
                .build());
    assertThat(elsewhere.fmt()).isEqualTo("packed");
  }

  @Test
  void presenceOutcomes() {
    MakeCredentialRequest request = mc("example.com", user("alice")).build();
    authenticator.presence.next(Answer.DENY, Answer.TIMEOUT, Answer.CANCEL);

    assertThat(statusOf(() -> authenticator.makeCredential(request)))
        .isEqualTo(CtapStatus.OPERATION_DENIED);
    assertThat(statusOf(() -> authenticator.makeCredential(request)))
        .isEqualTo(CtapStatus.USER_ACTION_TIMEOUT);
    assertThat(statusOf(() -> authenticator.makeCredential(request)))
        .isEqualTo(CtapStatus.KEEPALIVE_CANCEL);
    assertThat(authenticator.processor.state().store().size()).isZero();
  }

  @Test
  void discoverableStoreFillsUpAndReplacesTheSameUser() throws Exception {
    TestAuthenticator small =
        new TestAuthenticator(Ctap2Config.defaults(AAGUID).withDiscoverableCapacity(2));
    assertThat(small.ctap2.getInfo().remainingDiscoverableCredentials()).contains(2);
    small.makeCredential(rk("example.com", user("alice")).build());
    small.makeCredential(rk("example.com", user("bob")).build());
    assertThat(small.ctap2.getInfo().remainingDiscoverableCredentials()).contains(0);

    assertThat(statusOf(() -> small.makeCredential(rk("example.com", user("carol")).build())))
        .isEqualTo(CtapStatus.KEY_STORE_FULL);
    // Same RP and user handle: replaced, so it fits.
    small.makeCredential(rk("example.com", user("alice")).build());
    assertThat(small.processor.state().store().size()).isEqualTo(2);
    // Non-discoverable credentials need no room.
    small.makeCredential(mc("example.com", user("carol")).build());
  }

  @Test
  void zeroLengthPinUvAuthParamProbes() throws Exception {
    MakeCredentialRequest probe =
        mc("example.com", user("alice")).pinUvAuth(Bytes.empty(), 2).build();
    assertThat(statusOf(() -> authenticator.makeCredential(probe)))
        .isEqualTo(CtapStatus.PIN_NOT_SET);
    authenticator.presence.next(Answer.TIMEOUT);
    assertThat(statusOf(() -> authenticator.makeCredential(probe)))
        .isEqualTo(CtapStatus.OPERATION_DENIED);

    authenticator.clientPin(new io.keydesk.ctap2.PinProtocolV2()).setPin("1234".toCharArray());
    assertThat(statusOf(() -> authenticator.makeCredential(probe)))
        .isEqualTo(CtapStatus.PIN_INVALID);
  }

  @Test
  void unsupportedPinProtocolIsAnInvalidParameter() {
    MakeCredentialRequest request =
        mc("example.com", user("alice")).pinUvAuth(Bytes.fromHex("00112233"), 3).build();
    assertThat(statusOf(() -> authenticator.makeCredential(request)))
        .isEqualTo(CtapStatus.INVALID_PARAMETER);
  }

  @Test
  void malformedRequestsMapToCborStatuses() {
    CborMap valid = mc("example.com", user("alice")).build().toCbor();
    CborMap.Builder missing = CborMap.builder();
    valid
        .asMap()
        .forEach(
            (k, v) -> {
              if (!k.equals((long) MakeCredentialRequest.RP)) {
                missing.put(k, v);
              }
            });
    CborMap.Builder wrongType = CborMap.builder();
    valid.asMap().forEach((k, v) -> wrongType.put(k, k.equals(1L) ? "not bytes" : v));

    assertThat(authenticator.rawStatus(CtapCommand.MAKE_CREDENTIAL, missing.build()))
        .isEqualTo(CtapStatus.MISSING_PARAMETER);
    assertThat(authenticator.rawStatus(CtapCommand.MAKE_CREDENTIAL, wrongType.build()))
        .isEqualTo(CtapStatus.CBOR_UNEXPECTED_TYPE);
    byte[] garbage = {CtapCommand.MAKE_CREDENTIAL, (byte) 0xA1, 0x01};
    assertThat(authenticator.processor.process(garbage, authenticator.presence)[0])
        .isEqualTo((byte) CtapStatus.INVALID_CBOR.code());
    assertThat(authenticator.processor.process(new byte[] {0x55}, authenticator.presence))
        .containsExactly(CtapStatus.INVALID_COMMAND.code());
  }
}
