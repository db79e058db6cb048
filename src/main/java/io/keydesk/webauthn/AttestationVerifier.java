package io.keydesk.webauthn;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Checks attestation statements (WebAuthn L3 §8): {@code packed} (§8.2, self and x5c), {@code
 * fido-u2f} (§8.6) and {@code none} (§8.7). Any other format is reported as not verified, never as
 * valid. Certificate chains are not checked against trusted roots here: that needs metadata (FIDO
 * MDS) and is the caller's policy; the result says so.
 */
public final class AttestationVerifier {
  public static final String FORMAT_PACKED = "packed";
  public static final String FORMAT_FIDO_U2F = "fido-u2f";
  public static final String FORMAT_NONE = "none";

  /** id-fido-gen-ce-aaguid (§8.2.1). */
  static final String AAGUID_EXTENSION_OID = "1.3.6.1.4.1.45724.1.1.4";

  static final String ALG = "alg";
  static final String SIG = "sig";
  static final String X5C = "x5c";
  static final String ECDAA_KEY_ID = "ecdaaKeyId";

  private static final String NO_ROOT_CHECK =
      " The certificate chain was not checked against a trusted root.";

  private AttestationVerifier() {}

  /**
   * Verifies the statement of {@code attestationObject} over its authenticator data and {@code
   * clientDataHash} (SHA-256 of the exact clientDataJSON bytes). Never throws for bad input: the
   * result is then UNVERIFIED with the reason.
   */
  public static AttestationResult verify(
      AttestationObject attestationObject, Bytes clientDataHash) {
    String fmt = attestationObject.fmt();
    AuthenticatorData authData;
    try {
      authData = attestationObject.authData();
    } catch (WebAuthnClientException e) {
      return AttestationResult.unverified(fmt, e.getMessage());
    }
    Optional<AttestedCredentialData> attested = authData.attestedCredentialData();
    if (attested.isEmpty()) {
      return AttestationResult.unverified(
          fmt, "the authenticator data carries no attested credential data (AT flag clear)");
    }
    try {
      switch (fmt) {
        case FORMAT_NONE:
          return none(attestationObject.attStmt());
        case FORMAT_PACKED:
          return packed(attestationObject, attested.get(), clientDataHash);
        case FORMAT_FIDO_U2F:
          return fidoU2f(attestationObject, authData, attested.get(), clientDataHash);
        default:
          return AttestationResult.unverified(fmt, "unsupported format " + fmt);
      }
    } catch (CborException e) {
      return AttestationResult.unverified(fmt, "the statement is malformed: " + e.getMessage());
    } catch (WebAuthnClientException e) {
      return AttestationResult.unverified(fmt, e.getMessage());
    }
  }

  private static AttestationResult none(CborMap attStmt) {
    if (!attStmt.isEmpty()) {
      return AttestationResult.unverified(
          FORMAT_NONE,
          "a \"none\" attestation must have an empty statement, this one has " + attStmt.keys());
    }
    return new AttestationResult(
        FORMAT_NONE,
        AttestationResult.Type.NONE,
        true,
        List.of(),
        "no attestation: the security key's make and model are not proven.");
  }

  private static AttestationResult packed(
      AttestationObject object, AttestedCredentialData attested, Bytes clientDataHash)
      throws CborException, WebAuthnClientException {
    CborMap attStmt = object.attStmt();
    long algId = attStmt.getLong(ALG);
    Bytes sig = attStmt.getBytes(SIG);
    byte[] signedData = Bytes.concat(object.authDataBytes(), clientDataHash).toArray();
    if (attStmt.has(ECDAA_KEY_ID)) {
      return AttestationResult.unverified(FORMAT_PACKED, "ECDAA attestation is not supported");
    }
    Optional<CoseAlgorithm> alg = CoseAlgorithm.fromId(algId);
    if (alg.isEmpty()) {
      return AttestationResult.unverified(
          FORMAT_PACKED, "unsupported signature algorithm " + algId);
    }
    if (attStmt.has(X5C)) {
      List<X509Certificate> chain = certificates(attStmt);
      X509Certificate attestationCert = chain.get(0);
      if (!alg.get().verify(attestationCert.getPublicKey(), signedData, sig.toArray())) {
        return AttestationResult.unverified(
            FORMAT_PACKED, "the signature does not verify with the attestation certificate's key");
      }
      Optional<String> problem = packedCertificateProblem(attestationCert, attested.aaguid());
      if (problem.isPresent()) {
        return AttestationResult.unverified(FORMAT_PACKED, problem.get());
      }
      return new AttestationResult(
          FORMAT_PACKED,
          AttestationResult.Type.BASIC,
          true,
          chain,
          "packed attestation by \""
              + attestationCert.getSubjectX500Principal().getName()
              + "\": the signature and certificate are valid (§8.2)."
              + NO_ROOT_CHECK);
    }
    CoseKey credentialKey = attested.coseKey();
    if (credentialKey.algorithm() != alg.get()) {
      return AttestationResult.unverified(
          FORMAT_PACKED,
          "self attestation alg "
              + algId
              + " does not match the credential key's algorithm "
              + credentialKey.algorithm().id());
    }
    if (!credentialKey.verify(Bytes.of(signedData), sig)) {
      return AttestationResult.unverified(
          FORMAT_PACKED, "the self-attestation signature does not verify with the credential key");
    }
    return new AttestationResult(
        FORMAT_PACKED,
        AttestationResult.Type.SELF,
        true,
        List.of(),
        "self attestation: signed by the new credential's own key, so the security key's make"
            + " and model are not proven.");
  }

  private static AttestationResult fidoU2f(
      AttestationObject object,
      AuthenticatorData authData,
      AttestedCredentialData attested,
      Bytes clientDataHash)
      throws CborException, WebAuthnClientException {
    CborMap attStmt = object.attStmt();
    Bytes sig = attStmt.getBytes(SIG);
    List<X509Certificate> chain = certificates(attStmt);
    if (chain.size() != 1) {
      return AttestationResult.unverified(
          FORMAT_FIDO_U2F, "x5c must hold exactly one certificate, it holds " + chain.size());
    }
    CoseKey certificateKey;
    try {
      certificateKey = CoseKey.of(chain.get(0).getPublicKey(), CoseAlgorithm.ES256);
    } catch (WebAuthnClientException e) {
      return AttestationResult.unverified(
          FORMAT_FIDO_U2F,
          "the attestation certificate's key is not a P-256 key (" + e.getMessage() + ")");
    }
    CoseKey credentialKey = attested.coseKey();
    if (credentialKey.algorithm() != CoseAlgorithm.ES256) {
      return AttestationResult.unverified(
          FORMAT_FIDO_U2F,
          "the credential key must be ES256 on P-256, not " + credentialKey.algorithm());
    }
    Bytes verificationData =
        Bytes.concat(
            Bytes.of(new byte[] {0x00}),
            authData.rpIdHash(),
            clientDataHash,
            attested.credentialId(),
            credentialKey.u2fPublicKey());
    if (!certificateKey.verify(verificationData, sig)) {
      return AttestationResult.unverified(
          FORMAT_FIDO_U2F, "the signature does not verify with the attestation certificate's key");
    }
    return new AttestationResult(
        FORMAT_FIDO_U2F,
        AttestationResult.Type.BASIC,
        true,
        chain,
        "FIDO U2F attestation by \""
            + chain.get(0).getSubjectX500Principal().getName()
            + "\": the signature is valid (§8.6)."
            + NO_ROOT_CHECK);
  }

  private static List<X509Certificate> certificates(CborMap attStmt)
      throws CborException, WebAuthnClientException {
    List<Object> items = attStmt.getList(X5C);
    if (items.isEmpty()) {
      throw new CborException("x5c is empty");
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Object item : items) {
        if (!(item instanceof Bytes der)) {
          throw new CborException("x5c holds something other than byte strings");
        }
        chain.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.toArray())));
      }
    } catch (CertificateException e) {
      throw new WebAuthnClientException(
          WebAuthnClientException.Code.ENCODING_ERROR,
          "an x5c certificate is not valid DER X.509: " + e.getMessage(),
          e);
    }
    return chain;
  }

  /**
   * §8.2.1 packed attestation certificate requirements: X.509 version 3; subject with C (two
   * letters), O, OU "Authenticator Attestation" and CN; not a CA; and, when present, a non-critical
   * AAGUID extension equal to the authenticator data's AAGUID. Empty when all hold.
   */
  static Optional<String> packedCertificateProblem(X509Certificate cert, Bytes aaguid) {
    if (cert.getVersion() != 3) {
      return Optional.of(
          "the attestation certificate is version "
              + cert.getVersion()
              + ", §8.2.1 requires version 3");
    }
    X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    Optional<String> country = attribute(subject, BCStyle.C);
    if (country.isEmpty() || !country.get().matches("[A-Za-z]{2}")) {
      return Optional.of("the attestation certificate subject lacks a two-letter country (C)");
    }
    if (attribute(subject, BCStyle.O).filter(o -> !o.isBlank()).isEmpty()) {
      return Optional.of("the attestation certificate subject lacks an organization (O)");
    }
    Optional<String> unit = attribute(subject, BCStyle.OU);
    if (!unit.equals(Optional.of("Authenticator Attestation"))) {
      return Optional.of(
          "the attestation certificate subject OU is "
              + unit.map(u -> "\"" + u + "\"").orElse("missing")
              + ", §8.2.1 requires \"Authenticator Attestation\"");
    }
    if (attribute(subject, BCStyle.CN).filter(cn -> !cn.isBlank()).isEmpty()) {
      return Optional.of("the attestation certificate subject lacks a common name (CN)");
    }
    if (cert.getBasicConstraints() != -1) {
      return Optional.of(
          "the attestation certificate is a CA certificate (basic constraints"
              + " CA=true), §8.2.1 requires CA=false");
    }
    byte[] extension = cert.getExtensionValue(AAGUID_EXTENSION_OID);
    if (extension != null) {
      if (cert.getCriticalExtensionOIDs() != null
          && cert.getCriticalExtensionOIDs().contains(AAGUID_EXTENSION_OID)) {
        return Optional.of("the AAGUID extension is marked critical, §8.2.1 forbids that");
      }
      Bytes certificateAaguid;
      try {
        byte[] extnValue = ASN1OctetString.getInstance(extension).getOctets();
        certificateAaguid = Bytes.of(ASN1OctetString.getInstance(extnValue).getOctets());
      } catch (IllegalArgumentException e) {
        return Optional.of("the AAGUID extension is not an OCTET STRING");
      }
      if (!certificateAaguid.equals(aaguid)) {
        return Optional.of(
            "the certificate's AAGUID "
                + certificateAaguid.hex()
                + " does not match the authenticator data's AAGUID "
                + aaguid.hex());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> attribute(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    if (rdns.length == 0 || rdns[0].getFirst() == null) {
      return Optional.empty();
    }
    ASN1Encodable value = rdns[0].getFirst().getValue();
    return Optional.of(
        value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value));
  }
}
