package io.keydesk.server.tls;

import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** The server's TLS key and certificate, with its SHA-256 fingerprint. */
public record TlsIdentity(PrivateKey privateKey, X509Certificate certificate) {
  static final char[] KEYSTORE_PASSWORD = "keydesk".toCharArray();

  /** SHA-256 of the DER certificate, upper-case hex pairs separated by colons. */
  public String sha256Fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("Cannot fingerprint the certificate", e);
    }
  }

  /** An in-memory PKCS#12 key store holding the key under alias "server". */
  public KeyStore keyStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server", privateKey, KEYSTORE_PASSWORD, new X509Certificate[] {certificate});
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot build the TLS key store: " + e.getMessage(), e);
    }
  }

  public char[] keyStorePassword() {
    return KEYSTORE_PASSWORD.clone();
  }
}
