package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs, signatures and attestation certificates generated for tests. */
final class TestCredentials {
  private TestCredentials() {}

  static KeyPair generate(CoseAlgorithm algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator;
    switch (algorithm) {
      case ES256:
      case ES384:
      case ES512:
        generator = KeyPairGenerator.getInstance("EC");
        String curve =
            algorithm == CoseAlgorithm.ES256
                ? "secp256r1"
                : algorithm == CoseAlgorithm.ES384 ? "secp384r1" : "secp521r1";
        generator.initialize(new ECGenParameterSpec(curve));
        break;
      case EDDSA:
        generator = KeyPairGenerator.getInstance("Ed25519");
        break;
      default:
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
    }
    return generator.generateKeyPair();
  }

  static Bytes sign(CoseAlgorithm algorithm, PrivateKey key, Bytes data)
      throws GeneralSecurityException {
    String name =
        switch (algorithm) {
          case ES256 -> "SHA256withECDSA";
          case ES384 -> "SHA384withECDSA";
          case ES512 -> "SHA512withECDSA";
          case EDDSA -> "Ed25519";
          case RS256 -> "SHA256withRSA";
          case PS256 -> "RSASSA-PSS";
        };
    Signature signature = Signature.getInstance(name);
    if (algorithm == CoseAlgorithm.PS256) {
      signature.setParameter(
          new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    }
    signature.initSign(key);
    signature.update(data.toArray());
    return Bytes.of(signature.sign());
  }

  /** Options for {@link #certificate}: the §8.2.1 defaults, each of which a test may break. */
  record CertificateSpec(String subject, boolean ca, Bytes aaguid, boolean aaguidCritical) {
    static CertificateSpec valid() {
      return new CertificateSpec(
          "C=SE, O=KeyDesk Test, OU=Authenticator Attestation, CN=KeyDesk Batch 1",
          false,
          null,
          false);
    }

    CertificateSpec withSubject(String value) {
      return new CertificateSpec(value, ca, aaguid, aaguidCritical);
    }

    CertificateSpec asCa() {
      return new CertificateSpec(subject, true, aaguid, aaguidCritical);
    }

    CertificateSpec withAaguid(Bytes value, boolean critical) {
      return new CertificateSpec(subject, ca, value, critical);
    }
  }

  /** A batch attestation certificate for {@code subjectKey}, self-issued by {@code issuerKey}. */
  static X509Certificate certificate(CertificateSpec spec, KeyPair subjectKey, KeyPair issuerKey)
      throws Exception {
    Date notBefore = new Date(System.currentTimeMillis() - 86_400_000L);
    Date notAfter = new Date(System.currentTimeMillis() + 365L * 86_400_000L);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("C=SE, O=KeyDesk Test, OU=Test CA, CN=KeyDesk Test Root"),
            BigInteger.valueOf(42),
            notBefore,
            notAfter,
            new X500Name(spec.subject()),
            subjectKey.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca()));
    if (spec.aaguid() != null) {
      builder.addExtension(
          new ASN1ObjectIdentifier(AttestationVerifier.AAGUID_EXTENSION_OID),
          spec.aaguidCritical(),
          new DEROctetString(spec.aaguid().toArray()));
    }
    String signatureAlgorithm =
        issuerKey.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder(signatureAlgorithm).build(issuerKey.getPrivate())));
  }
}
