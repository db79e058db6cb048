package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttestationVerifierTest {
  private static final Bytes CLIENT_DATA_HASH =
      CollectedClientData.clientDataHash(Bytes.fromHex("7b7d"));
  private static final Bytes RP_ID_HASH =
      CollectedClientData.clientDataHash(Bytes.of("example.org".getBytes()));
  private static final Bytes AAGUID = Bytes.fromHex("00112233445566778899aabbccddeeff");
  private static final Bytes CREDENTIAL_ID = Bytes.fromHex("c0ffee");

  private static AttestationResult verifySpec(Bytes attestationObject, Bytes clientDataJson)
      throws Exception {
    return AttestationVerifier.verify(
        AttestationObject.parse(attestationObject),
        CollectedClientData.clientDataHash(clientDataJson));
  }

  @Test
  void specNoneAttestation() throws Exception {
    AttestationResult result =
        verifySpec(
            SpecVectors.NONE_ES256_ATTESTATION_OBJECT, SpecVectors.NONE_ES256_REG_CLIENT_DATA);
    assertThat(result.format()).isEqualTo("none");
    assertThat(result.type()).isEqualTo(AttestationResult.Type.NONE);
    assertThat(result.verified()).isTrue();
    assertThat(result.trustPath()).isEmpty();
    assertThat(result.message())
        .isEqualTo("no attestation: the security key's make and model are not proven.");
  }

  @Test
  void specPackedSelfAttestation() throws Exception {
    AttestationResult result =
        verifySpec(
            SpecVectors.PACKED_SELF_ES256_ATTESTATION_OBJECT,
            SpecVectors.PACKED_SELF_ES256_CLIENT_DATA);
    assertThat(result.type()).isEqualTo(AttestationResult.Type.SELF);
    assertThat(result.verified()).isTrue();
    assertThat(result.message()).startsWith("self attestation: signed by the new credential's");
  }

  @Test
  void specPackedSelfAttestationFailsWithAnotherClientData() throws Exception {
    AttestationResult result =
        verifySpec(
            SpecVectors.PACKED_SELF_ES256_ATTESTATION_OBJECT,
            SpecVectors.NONE_ES256_REG_CLIENT_DATA);
    assertThat(result.type()).isEqualTo(AttestationResult.Type.UNVERIFIED);
    assertThat(result.verified()).isFalse();
    assertThat(result.message())
        .isEqualTo(
            "not verified: the self-attestation signature does not verify with the credential key");
  }

  @Test
  void specPackedX5cAttestation() throws Exception {
    AttestationResult result =
        verifySpec(
            SpecVectors.PACKED_X5C_ES256_ATTESTATION_OBJECT,
            SpecVectors.PACKED_X5C_ES256_CLIENT_DATA);
    assertThat(result.type()).isEqualTo(AttestationResult.Type.BASIC);
    assertThat(result.verified()).isTrue();
    assertThat(result.trustPath()).hasSize(1);
    assertThat(result.trustPath().get(0).getSubjectX500Principal().getName())
        .isEqualTo("C=AA,OU=Authenticator Attestation,O=W3C,CN=WebAuthn test vectors");
    assertThat(result.message())
        .endsWith(
            "the signature and certificate are valid (§8.2). The certificate chain was not checked"
                + " against a trusted root.");
  }

  @Test
  void packedX5cWithGeneratedBatchCertificate() throws Exception {
    KeyPair batch = TestCredentials.generate(CoseAlgorithm.ES256);
    KeyPair root = TestCredentials.generate(CoseAlgorithm.ES256);
    X509Certificate cert =
        TestCredentials.certificate(
            TestCredentials.CertificateSpec.valid().withAaguid(AAGUID, false), batch, root);
    AttestationResult result = packedX5c(batch, cert, CLIENT_DATA_HASH);
    assertThat(result.type()).isEqualTo(AttestationResult.Type.BASIC);
    assertThat(result.trustPath()).containsExactly(cert);
  }

  @Test
  void packedX5cCertificateRequirements() throws Exception {
    KeyPair batch = TestCredentials.generate(CoseAlgorithm.ES256);
    KeyPair root = TestCredentials.generate(CoseAlgorithm.ES256);
    TestCredentials.CertificateSpec valid = TestCredentials.CertificateSpec.valid();
    assertRefused(
        batch,
        root,
        valid.withAaguid(Bytes.of(new byte[16]), false),
        "the certificate's AAGUID 00000000000000000000000000000000 does not match the"
            + " authenticator data's AAGUID 00112233445566778899aabbccddeeff");
    assertRefused(
        batch,
        root,
        valid.withAaguid(AAGUID, true),
        "the AAGUID extension is marked critical, §8.2.1 forbids that");
    assertRefused(
        batch,
        root,
        valid.asCa(),
        "the attestation certificate is a CA certificate (basic constraints CA=true), §8.2.1"
            + " requires CA=false");
    assertRefused(
        batch,
        root,
        valid.withSubject("C=SE, O=KeyDesk, OU=Batch, CN=x"),
        "the attestation certificate subject OU is \"Batch\", §8.2.1 requires"
            + " \"Authenticator Attestation\"");
    assertRefused(
        batch,
        root,
        valid.withSubject("O=KeyDesk, OU=Authenticator Attestation, CN=x"),
        "the attestation certificate subject lacks a two-letter country (C)");
    assertRefused(
        batch,
        root,
        valid.withSubject("C=SE, OU=Authenticator Attestation, CN=x"),
        "the attestation certificate subject lacks an organization (O)");
    assertRefused(
        batch,
        root,
        valid.withSubject("C=SE, O=KeyDesk, OU=Authenticator Attestation"),
        "the attestation certificate subject lacks a common name (CN)");
  }

  @Test
  void packedX5cSignedByAnotherKeyIsRefused() throws Exception {
    KeyPair batch = TestCredentials.generate(CoseAlgorithm.ES256);
    KeyPair other = TestCredentials.generate(CoseAlgorithm.ES256);
    X509Certificate cert =
        TestCredentials.certificate(TestCredentials.CertificateSpec.valid(), batch, batch);
    AttestationResult result = packedX5c(other, cert, CLIENT_DATA_HASH);
    assertThat(result.message())
        .isEqualTo(
            "not verified: the signature does not verify with the attestation certificate's key");
  }

  @Test
  void packedSelfWithGeneratedKeysOfEveryKind() throws Exception {
    for (CoseAlgorithm algorithm : CoseAlgorithm.values()) {
      KeyPair credential = TestCredentials.generate(algorithm);
      Bytes authData = authData(CoseKey.of(credential.getPublic(), algorithm));
      Bytes sig =
          TestCredentials.sign(
              algorithm, credential.getPrivate(), Bytes.concat(authData, CLIENT_DATA_HASH));
      CborMap attStmt = CborMap.builder().put("alg", algorithm.id()).put("sig", sig).build();
      AttestationResult result =
          AttestationVerifier.verify(
              new AttestationObject("packed", attStmt, authData), CLIENT_DATA_HASH);
      assertThat(result.type()).as(algorithm.name()).isEqualTo(AttestationResult.Type.SELF);

      long otherAlg = algorithm == CoseAlgorithm.ES256 ? -257 : -7;
      CborMap wrongAlg = CborMap.builder().put("alg", otherAlg).put("sig", sig).build();
      assertThat(
              AttestationVerifier.verify(
                      new AttestationObject("packed", wrongAlg, authData), CLIENT_DATA_HASH)
                  .message())
          .isEqualTo(
              "not verified: self attestation alg "
                  + otherAlg
                  + " does not match the credential key's algorithm "
                  + algorithm.id());
    }
  }

  @Test
  void fidoU2f() throws Exception {
    KeyPair batch = TestCredentials.generate(CoseAlgorithm.ES256);
    X509Certificate cert =
        TestCredentials.certificate(
            TestCredentials.CertificateSpec.valid().withSubject("CN=Yubico U2F EE Serial 1"),
            batch,
            batch);
    CoseKey credential =
        CoseKey.of(TestCredentials.generate(CoseAlgorithm.ES256).getPublic(), CoseAlgorithm.ES256);
    Bytes authData = authData(credential);
    Bytes verificationData =
        Bytes.concat(
            Bytes.fromHex("00"),
            RP_ID_HASH,
            CLIENT_DATA_HASH,
            CREDENTIAL_ID,
            credential.u2fPublicKey());
    Bytes sig = TestCredentials.sign(CoseAlgorithm.ES256, batch.getPrivate(), verificationData);
    CborMap attStmt =
        CborMap.builder().put("sig", sig).put("x5c", List.of(Bytes.of(cert.getEncoded()))).build();

    AttestationResult result =
        AttestationVerifier.verify(
            new AttestationObject("fido-u2f", attStmt, authData), CLIENT_DATA_HASH);
    assertThat(result.format()).isEqualTo("fido-u2f");
    assertThat(result.type()).isEqualTo(AttestationResult.Type.BASIC);
    assertThat(result.trustPath()).containsExactly(cert);
    assertThat(result.message())
        .isEqualTo(
            "FIDO U2F attestation by \"CN=Yubico U2F EE Serial 1\":"
                + " the signature is valid (§8.6). The certificate chain was not checked against a"
                + " trusted root.");

    Bytes otherHash = CollectedClientData.clientDataHash(Bytes.fromHex("00"));
    assertThat(
            AttestationVerifier.verify(
                    new AttestationObject("fido-u2f", attStmt, authData), otherHash)
                .message())
        .isEqualTo(
            "not verified: the signature does not verify with the attestation"
                + " certificate's key");
  }

  @Test
  void fidoU2fRefusesNonP256Keys() throws Exception {
    KeyPair batch = TestCredentials.generate(CoseAlgorithm.ES384);
    X509Certificate cert =
        TestCredentials.certificate(TestCredentials.CertificateSpec.valid(), batch, batch);
    CoseKey credential =
        CoseKey.of(TestCredentials.generate(CoseAlgorithm.ES256).getPublic(), CoseAlgorithm.ES256);
    CborMap attStmt =
        CborMap.builder()
            .put("sig", Bytes.fromHex("3000"))
            .put("x5c", List.of(Bytes.of(cert.getEncoded())))
            .build();
    assertThat(
            AttestationVerifier.verify(
                    new AttestationObject("fido-u2f", attStmt, authData(credential)),
                    CLIENT_DATA_HASH)
                .message())
        .startsWith("not verified: the attestation certificate's key is not a P-256 key");

    KeyPair p256 = TestCredentials.generate(CoseAlgorithm.ES256);
    X509Certificate p256Cert =
        TestCredentials.certificate(TestCredentials.CertificateSpec.valid(), p256, p256);
    CoseKey ed =
        CoseKey.of(TestCredentials.generate(CoseAlgorithm.EDDSA).getPublic(), CoseAlgorithm.EDDSA);
    CborMap edStmt =
        CborMap.builder()
            .put("sig", Bytes.fromHex("3000"))
            .put("x5c", List.of(Bytes.of(p256Cert.getEncoded())))
            .build();
    assertThat(
            AttestationVerifier.verify(
                    new AttestationObject("fido-u2f", edStmt, authData(ed)), CLIENT_DATA_HASH)
                .message())
        .isEqualTo("not verified: the credential key must be ES256 on P-256, not EDDSA");
  }

  @Test
  void noneWithAStatementIsNotVerified() throws Exception {
    Bytes authData =
        authData(
            CoseKey.of(
                TestCredentials.generate(CoseAlgorithm.ES256).getPublic(), CoseAlgorithm.ES256));
    AttestationResult result =
        AttestationVerifier.verify(
            new AttestationObject(
                "none", CborMap.builder().put("sig", Bytes.fromHex("00")).build(), authData),
            CLIENT_DATA_HASH);
    assertThat(result.verified()).isFalse();
    assertThat(result.message())
        .isEqualTo(
            "not verified: a \"none\" attestation must have an empty statement, this one"
                + " has [sig]");
  }

  @Test
  void unsupportedFormatIsNeverValid() throws Exception {
    Bytes authData =
        authData(
            CoseKey.of(
                TestCredentials.generate(CoseAlgorithm.ES256).getPublic(), CoseAlgorithm.ES256));
    for (String fmt : List.of("tpm", "android-key", "apple", "android-safetynet", "x")) {
      AttestationResult result =
          AttestationVerifier.verify(
              new AttestationObject(fmt, CborMap.empty(), authData), CLIENT_DATA_HASH);
      assertThat(result.type()).isEqualTo(AttestationResult.Type.UNVERIFIED);
      assertThat(result.verified()).isFalse();
      assertThat(result.format()).isEqualTo(fmt);
      assertThat(result.message()).isEqualTo("not verified: unsupported format " + fmt);
    }
  }

  @Test
  void malformedStatementsAndAuthDataAreNotVerified() throws Exception {
    Bytes authData =
        authData(
            CoseKey.of(
                TestCredentials.generate(CoseAlgorithm.ES256).getPublic(), CoseAlgorithm.ES256));
    assertThat(
            AttestationVerifier.verify(
                    new AttestationObject(
                        "packed", CborMap.builder().put("alg", -7L).build(), authData),
                    CLIENT_DATA_HASH)
                .message())
        .isEqualTo("not verified: the statement is malformed: required member sig is missing");
    assertThat(
            AttestationVerifier.verify(
                    new AttestationObject(
                        "packed", CborMap.empty(), SpecVectors.NONE_ES256_AUTH_DATA),
                    CLIENT_DATA_HASH)
                .message())
        .isEqualTo(
            "not verified: the authenticator data carries no attested credential data"
                + " (AT flag clear)");
    CborMap badCert =
        CborMap.builder()
            .put("alg", -7L)
            .put("sig", Bytes.fromHex("00"))
            .put("x5c", List.of(Bytes.fromHex("3000")))
            .build();
    assertThat(
            AttestationVerifier.verify(
                    new AttestationObject("packed", badCert, authData), CLIENT_DATA_HASH)
                .message())
        .startsWith("not verified: an x5c certificate is not valid DER X.509");
  }

  @Test
  void attestationObjectRoundTripsAndRefusesMissingMembers() throws Exception {
    AttestationObject parsed =
        AttestationObject.parse(SpecVectors.PACKED_X5C_ES256_ATTESTATION_OBJECT);
    assertThat(parsed.fmt()).isEqualTo("packed");
    assertThat(parsed.toBytes()).isEqualTo(SpecVectors.PACKED_X5C_ES256_ATTESTATION_OBJECT);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AttestationObject.parse(Bytes.fromHex("a163666d74646e6f6e65")))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage("attestation object is malformed: required member attStmt is missing");
  }

  private static void assertRefused(
      KeyPair batch, KeyPair root, TestCredentials.CertificateSpec spec, String problem)
      throws Exception {
    X509Certificate cert = TestCredentials.certificate(spec, batch, root);
    AttestationResult result = packedX5c(batch, cert, CLIENT_DATA_HASH);
    assertThat(result.verified()).isFalse();
    assertThat(result.message()).isEqualTo("not verified: " + problem);
  }

  private static AttestationResult packedX5c(
      KeyPair signer, X509Certificate cert, Bytes clientDataHash) throws Exception {
    CoseKey credential =
        CoseKey.of(TestCredentials.generate(CoseAlgorithm.EDDSA).getPublic(), CoseAlgorithm.EDDSA);
    Bytes authData = authData(credential);
    Bytes sig =
        TestCredentials.sign(
            CoseAlgorithm.ES256, signer.getPrivate(), Bytes.concat(authData, clientDataHash));
    CborMap attStmt =
        CborMap.builder()
            .put("alg", -7L)
            .put("sig", sig)
            .put("x5c", List.of(Bytes.of(cert.getEncoded())))
            .build();
    return AttestationVerifier.verify(
        new AttestationObject("packed", attStmt, authData), clientDataHash);
  }

  private static Bytes authData(CoseKey credential) {
    return new AuthenticatorData(
            RP_ID_HASH,
            AuthenticatorData.FLAG_UP | AuthenticatorData.FLAG_AT,
            0,
            Optional.of(new AttestedCredentialData(AAGUID, CREDENTIAL_ID, credential.toCbor())),
            Optional.empty())
        .toBytes();
  }
}
