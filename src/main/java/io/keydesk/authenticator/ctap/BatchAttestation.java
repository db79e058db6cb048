package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The batch attestation key and its certificate chain (WebAuthn section 8.2.1 "Certificate
 * Requirements for Packed Attestation Statements"): an X.509 v3 certificate with subject C, O,
 * OU="Authenticator Attestation" and CN, basic constraints CA=false, and the id-fido-gen-ce-aaguid
 * extension (1.3.6.1.4.1.45724.1.1.4) holding the AAGUID; issued by a generated root CA whose
 * certificate verifiers can trust ({@link #rootCertificate()}). The root's private key is discarded
 * after issuing.
 */
public record BatchAttestation(CredentialKey key, Bytes certificate, Bytes rootCertificate) {
  public static final String AAGUID_EXTENSION_OID = "1.3.6.1.4.1.45724.1.1.4";
  static final String KEY = "batchKey";
  static final String CERTIFICATE = "batchCertificate";
  static final String ROOT_CERTIFICATE = "rootCertificate";

  private static final X500Name ROOT_NAME =
      new X500Name("C=US,O=KeyDesk,OU=KeyDesk Attestation Root,CN=KeyDesk Software Root CA");
  private static final X500Name BATCH_NAME =
      new X500Name(
          "C=US,O=KeyDesk,OU=Authenticator Attestation,CN=KeyDesk Software Authenticator Batch 1");
  private static final Duration VALIDITY = Duration.ofDays(365L * 30);

  public BatchAttestation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(rootCertificate, "rootCertificate");
    if (key.algorithm() != CredentialParameters.ES256) {
      throw new IllegalArgumentException("the batch key is an ES256 key");
    }
  }

  /** Generates a root CA and a batch certificate for {@code aaguid}, valid from {@code now}. */
  public static BatchAttestation generate(Bytes aaguid, Instant now) {
    try {
      CredentialKey rootKey = CredentialKey.generate(CredentialParameters.ES256);
      CredentialKey batchKey = CredentialKey.generate(CredentialParameters.ES256);
      Date notBefore = Date.from(now.minus(Duration.ofDays(1)));
      Date notAfter = Date.from(now.plus(VALIDITY));
      X509v3CertificateBuilder root =
          new JcaX509v3CertificateBuilder(
                  ROOT_NAME, serial(), notBefore, notAfter, ROOT_NAME, rootKey.jcaPublicKey())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509v3CertificateBuilder batch =
          new JcaX509v3CertificateBuilder(
                  ROOT_NAME, serial(), notBefore, notAfter, BATCH_NAME, batchKey.jcaPublicKey())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  new ASN1ObjectIdentifier(AAGUID_EXTENSION_OID),
                  false,
                  new DEROctetString(aaguid.toArray()));
      ContentSigner signer = signer(rootKey.jcaPrivateKey());
      Bytes rootDer = Bytes.of(root.build(signer).getEncoded());
      Bytes batchDer = Bytes.of(batch.build(signer(rootKey.jcaPrivateKey())).getEncoded());
      return new BatchAttestation(batchKey, batchDer, rootDer);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate the attestation certificates", e);
    }
  }

  /** The batch certificate as a JCA certificate. */
  public X509Certificate batchCertificate() {
    return parse(certificate);
  }

  /** The root CA certificate that issued the batch certificate: the trust anchor for verifiers. */
  public X509Certificate rootX509() {
    return parse(rootCertificate);
  }

  private static X509Certificate parse(Bytes der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der.toArray()));
    } catch (CertificateException e) {
      throw new IllegalStateException("a stored attestation certificate is damaged", e);
    }
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
  }

  private static BigInteger serial() {
    return new BigInteger(1, Crypto.random(16));
  }

  void putInto(CborMap.Builder builder) {
    builder
        .put(KEY, key.privateKey())
        .put(CERTIFICATE, certificate)
        .put(ROOT_CERTIFICATE, rootCertificate);
  }

  static BatchAttestation fromCbor(CborMap map) throws CborException {
    try {
      return new BatchAttestation(
          new CredentialKey(CredentialParameters.ES256, map.getBytes(KEY)),
          map.getBytes(CERTIFICATE),
          map.getBytes(ROOT_CERTIFICATE));
    } catch (IllegalArgumentException e) {
      throw new CborException("batch attestation: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "BatchAttestation[" + batchCertificate().getSubjectX500Principal() + "]";
  }
}
