package io.keydesk.mds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * GlobalSign Root CA - R3, the trust anchor of the FIDO Alliance's MDS3 BLOB (FIDO Metadata Service
 * 3.0, section 3.2: the BLOB's x5c chain ends at the root published at
 * https://secure.globalsign.com/cacert/root-r3.crt). Bundled as {@value #RESOURCE}; its SHA-256
 * fingerprint is checked on every load so a swapped file is refused.
 */
public final class GlobalSignRoot {
  /** Classpath location of the PEM. */
  public static final String RESOURCE = "/io/keydesk/mds/globalsign-root-r3.pem";

  /** The published SHA-256 fingerprint of GlobalSign Root CA - R3. */
  public static final String SHA256_FINGERPRINT =
      "cbb522d7b7f127ad6a0113865bdf1cd4102e7d0759af635a7cf4720dc963c53b";

  private GlobalSignRoot() {}

  /**
   * The root certificate.
   *
   * @throws IllegalStateException if the resource is missing or is not the published certificate
   */
  public static X509Certificate certificate() {
    try (InputStream in = GlobalSignRoot.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("KeyDesk is missing its resource " + RESOURCE);
      }
      PemObject pem =
          new PemReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readPemObject();
      if (pem == null || !pem.getType().equals("CERTIFICATE")) {
        throw new IllegalStateException(RESOURCE + " holds no certificate");
      }
      String fingerprint = sha256(pem.getContent());
      if (!fingerprint.equals(SHA256_FINGERPRINT)) {
        throw new IllegalStateException(
            RESOURCE + " is not GlobalSign Root CA - R3 (SHA-256 " + fingerprint + ")");
      }
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem.getContent()));
    } catch (IOException e) {
      throw new UncheckedIOException("KeyDesk cannot read its resource " + RESOURCE, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(RESOURCE + " is not a readable certificate", e);
    }
  }

  /** Lower-case hex SHA-256 of DER bytes. */
  static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
