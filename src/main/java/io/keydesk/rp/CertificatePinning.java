package io.keydesk.rp;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.internal.tls.OkHostnameVerifier;

/**
 * TLS trust for one relying party, from a {@link TrustDecision}.
 *
 * <ul>
 *   <li>System trust: the JDK's default trust managers and OkHttp's hostname verifier (RFC 6125).
 *       A certificate they refuse fails with a {@link RefusedCertificate} that carries its
 *       fingerprint, so the caller can show it and ask.
 *   <li>Pinned: only the leaf certificate whose SHA-256 equals the pin is accepted (chain, CA and
 *       validity are not consulted: the user vouched for exactly that certificate). The hostname
 *       check is waived only when the peer's leaf is the pinned certificate, never for a
 *       system-trusted one.
 * </ul>
 */
public final class CertificatePinning {
  private final TrustDecision decision;
  private final X509TrustManager trustManager;
  private final SSLSocketFactory socketFactory;

  /** A certificate refused by the trust manager; its fingerprint goes to the user. */
  public static final class RefusedCertificate extends CertificateException {
    private final UntrustedCertificateException.Reason reason;
    private final String fingerprint;
    private final String subject;

    RefusedCertificate(
        UntrustedCertificateException.Reason reason,
        X509Certificate leaf,
        CertificateException cause) {
      super("certificate refused (" + reason + "): " + leaf.getSubjectX500Principal(), cause);
      this.reason = reason;
      this.fingerprint = fingerprint(leaf);
      this.subject = leaf.getSubjectX500Principal().getName();
    }

    UntrustedCertificateException toUserError(String url) {
      return new UntrustedCertificateException(reason, url, fingerprint, subject, this);
    }
  }

  public CertificatePinning(TrustDecision decision) {
    this.decision = decision;
    this.trustManager = new DecidingTrustManager(decision.pinnedFingerprint(), systemTrust());
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      this.socketFactory = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java runtime cannot set up TLS: " + e.getMessage(), e);
    }
  }

  public TrustDecision decision() {
    return decision;
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /** The host name check: relaxed only for the pinned certificate itself. */
  public HostnameVerifier hostnameVerifier() {
    return (host, session) -> {
      if (decision.pinnedFingerprint().isPresent()) {
        return peerLeaf(session)
            .map(CertificatePinning::fingerprint)
            .filter(decision.pinnedFingerprint().get()::equals)
            .isPresent();
      }
      return OkHostnameVerifier.INSTANCE.verify(host, session);
    };
  }

  /** Lowercase hex SHA-256 of the certificate's DER encoding. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint the certificate", e);
    }
  }

  /** "ab:cd:..." → "AB:CD:..." for display; accepts any form {@link TrustDecision} accepts. */
  public static String display(String fingerprint) {
    String hex = TrustDecision.normalize(fingerprint).toUpperCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return out.toString();
  }

  private static Optional<X509Certificate> peerLeaf(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf
          ? Optional.of(leaf)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  private static X509TrustManager systemTrust() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("The Java runtime has no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load the system trust store: " + e.getMessage(), e);
    }
  }

  /** Pinned → exact leaf match; otherwise the system's decision. */
  private static final class DecidingTrustManager implements X509TrustManager {
    private final Optional<String> pin;
    private final X509TrustManager system;

    DecidingTrustManager(Optional<String> pin, X509TrustManager system) {
      this.pin = pin;
      this.system = system;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("KeyDesk does not accept TLS clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("The server sent no certificate");
      }
      X509Certificate leaf = chain[0];
      if (pin.isPresent()) {
        if (!MessageDigest.isEqual(
            fingerprint(leaf).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            pin.get().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
          throw new RefusedCertificate(
              UntrustedCertificateException.Reason.PIN_MISMATCH, leaf, null);
        }
        return;
      }
      try {
        system.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        throw new RefusedCertificate(UntrustedCertificateException.Reason.NOT_TRUSTED, leaf, e);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pin.isPresent() ? new X509Certificate[0] : system.getAcceptedIssuers();
    }
  }
}
