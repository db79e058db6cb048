package io.keydesk.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes (on first start) and loads the server's self-signed certificate: ECDSA P-256, the RP ID as
 * subject and DNS name (plus 127.0.0.1 and ::1 for "localhost"), valid one year. Stored as PEM in
 * the data directory; the key file is readable by its owner only.
 */
public final class SelfSignedCertificates {
  private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificates.class);
  public static final String CERT_FILE = "tls-cert.pem";
  public static final String KEY_FILE = "tls-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(365);

  private SelfSignedCertificates() {}

  /** Loads the identity stored in {@code directory}, creating it for {@code rpId} if absent. */
  public static TlsIdentity loadOrCreate(Path directory, String rpId, Clock clock) {
    Path certFile = directory.resolve(CERT_FILE);
    Path keyFile = directory.resolve(KEY_FILE);
    try {
      if (Files.exists(certFile) && Files.exists(keyFile)) {
        return load(certFile, keyFile);
      }
      TlsIdentity identity = create(rpId, clock.instant());
      Files.createDirectories(directory);
      writePem(certFile, identity.certificate());
      Files.deleteIfExists(keyFile);
      Files.createFile(keyFile);
      restrictToOwner(keyFile);
      writePem(keyFile, identity.privateKey());
      LOG.info("Created a self-signed certificate for {} in {}", rpId, certFile);
      return identity;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read or write the TLS certificate in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** A fresh key and self-signed certificate for {@code host}. */
  public static TlsIdentity create(String host, Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + host);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              subject,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, altNames(host));
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
      return new TlsIdentity(pair.getPrivate(), certificate);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create a TLS certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralNames altNames(String host) throws IOException {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, host));
    if (host.equals("localhost")) {
      for (String ip : new String[] {"127.0.0.1", "::1"}) {
        names.add(
            new GeneralName(
                GeneralName.iPAddress,
                new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(ip).getAddress())));
      }
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static TlsIdentity load(Path certFile, Path keyFile) throws IOException {
    X509Certificate certificate;
    try (Reader reader = Files.newBufferedReader(certFile);
        PEMParser parser = new PEMParser(reader)) {
      certificate =
          new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
    } catch (Exception e) {
      throw new IOException("unreadable certificate " + certFile + " (" + e.getMessage() + ")", e);
    }
    try (Reader reader = Files.newBufferedReader(keyFile);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      PrivateKeyInfo info =
          object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) object;
      return new TlsIdentity(new JcaPEMKeyConverter().getPrivateKey(info), certificate);
    } catch (ClassCastException | NullPointerException e) {
      throw new IOException("unreadable private key " + keyFile, e);
    }
  }

  private static void writePem(Path file, Object object) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      if (object instanceof java.security.PrivateKey key) {
        pem.writeObject(new JcaPKCS8Generator(key, null)); // "PRIVATE KEY" (PKCS #8)
      } else {
        pem.writeObject(object);
      }
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      LOG.warn("Cannot restrict permissions of {}: {}", file, e.getMessage());
    }
  }
}
