package io.keydesk.rp;

import java.util.Locale;

/**
 * The server's TLS certificate is not trusted: neither by the system's trust store nor by a pinned
 * fingerprint, or it differs from the pinned one. Nothing is ever trusted silently: the UI shows
 * {@link #fingerprint()} and asks the user to compare it with the one the server's operator
 * published before pinning it.
 */
public class UntrustedCertificateException extends RuntimeException {
  /** Why the certificate was refused. */
  public enum Reason {
    /** No pin, and the system trust store does not trust it (self-signed, unknown CA). */
    NOT_TRUSTED,
    /** A fingerprint is pinned and the server presented another certificate. */
    PIN_MISMATCH
  }

  private final Reason reason;
  private final String url;
  private final String fingerprint;
  private final String subject;

  public UntrustedCertificateException(
      Reason reason, String url, String fingerprint, String subject, Throwable cause) {
    super(message(reason, url, fingerprint, subject), cause);
    this.reason = reason;
    this.url = url;
    this.fingerprint = fingerprint;
    this.subject = subject;
  }

  public Reason reason() {
    return reason;
  }

  public String url() {
    return url;
  }

  /** Lowercase hex SHA-256 of the presented leaf certificate (DER). */
  public String fingerprint() {
    return fingerprint;
  }

  /** The presented certificate's subject, for display. */
  public String subject() {
    return subject;
  }

  /** The fingerprint as browsers show it: "AB:CD:...". */
  public String displayFingerprint() {
    return CertificatePinning.display(fingerprint);
  }

  private static String message(Reason reason, String url, String fingerprint, String subject) {
    String shown = CertificatePinning.display(fingerprint).toUpperCase(Locale.ROOT);
    if (reason == Reason.PIN_MISMATCH) {
      return "The server at "
          + url
          + " presented a certificate ("
          + subject
          + ", SHA-256 "
          + shown
          + ") that is not the one pinned for this account, so KeyDesk did not connect. If the"
          + " server's operator replaced the certificate, compare the new fingerprint with theirs"
          + " and pin it again; otherwise someone may be intercepting the connection.";
    }
    return "The server at "
        + url
        + " presented a certificate that this computer does not trust ("
        + subject
        + "). Its SHA-256 fingerprint is "
        + shown
        + ". Compare it with the fingerprint the server's operator gave you; if it matches, pin"
        + " it (--pin-fingerprint).";
  }
}
