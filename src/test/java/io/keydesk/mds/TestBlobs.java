package io.keydesk.mds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test PKI shaped like the FIDO Alliance's (root, intermediate, leaf signing the BLOB) and a
 * builder of MDS3 BLOBs signed by its leaf.
 */
final class TestBlobs {
  /** The fixed "now" of the tests. */
  static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

  static final String YUBIKEY_AAGUID = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
  static final String UNBUNDLED_AAGUID = "0bb43545-fd2c-4185-87dd-feb0b2916ace";
  static final String ICON = "data:image/png;base64,iVBORw0KGgo=";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One certificate authority hierarchy. */
  record Pki(
      KeyPair rootKey,
      X509Certificate root,
      X509Certificate intermediate,
      KeyPair leafKey,
      X509Certificate leaf) {

    /** Root, intermediate and an EC P-256 (ES256) or RSA-2048 (RS256) leaf. */
    static Pki create(String name, boolean rsaLeaf) throws Exception {
      KeyPair rootKey = ec();
      KeyPair intermediateKey = ec();
      KeyPair leafKey = rsaLeaf ? rsa() : ec();
      X509Certificate root =
          certificate("CN=" + name + " Root", rootKey, "CN=" + name + " Root", rootKey, 1, true);
      X509Certificate intermediate =
          certificate(
              "CN=" + name + " Root", rootKey, "CN=" + name + " CA", intermediateKey, 2, true);
      X509Certificate leaf =
          certificate("CN=" + name + " CA", intermediateKey, "CN=mds.example", leafKey, 3, false);
      return new Pki(rootKey, root, intermediate, leafKey, leaf);
    }

    List<X509Certificate> chain() {
      return List.of(leaf, intermediate);
    }
  }

  private TestBlobs() {}

  static KeyPair ec() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  static X509Certificate certificate(
      String issuer, KeyPair issuerKey, String subject, KeyPair subjectKey, long serial, boolean ca)
      throws Exception {
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(serial),
            Date.from(NOW.minus(365, ChronoUnit.DAYS)),
            Date.from(NOW.plus(365, ChronoUnit.DAYS)),
            new X500Name(subject),
            subjectKey.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    String algorithm =
        issuerKey.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey.getPrivate())));
  }

  /** An MDS3 payload: one YubiKey entry, one entry not in the bundled table, one U2F entry. */
  static ObjectNode payload(long no, String nextUpdate) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("legalHeader", "Test legal header");
    payload.put("no", no);
    payload.put("nextUpdate", nextUpdate);
    ArrayNode entries = payload.putArray("entries");

    ObjectNode yubikey = entries.addObject();
    yubikey.put("aaguid", YUBIKEY_AAGUID);
    ObjectNode statement = yubikey.putObject("metadataStatement");
    statement.put("aaguid", YUBIKEY_AAGUID);
    statement.put("description", "YubiKey 5 Series with NFC");
    statement.put("icon", ICON);
    ArrayNode reports = yubikey.putArray("statusReports");
    // Out of order on purpose: the latest effectiveDate wins, not the last in the array.
    reports.addObject().put("status", "FIDO_CERTIFIED_L2").put("effectiveDate", "2023-02-01");
    reports.addObject().put("status", "FIDO_CERTIFIED_L1").put("effectiveDate", "2020-05-12");
    reports.addObject().put("status", "UPDATE_AVAILABLE").put("effectiveDate", "2024-03-01");

    ObjectNode other = entries.addObject();
    other.put("aaguid", UNBUNDLED_AAGUID);
    other.putObject("metadataStatement").put("description", "Test Key NFC").put("icon", "http://x");
    other
        .putArray("statusReports")
        .addObject()
        .put("status", "REVOKED")
        .put("effectiveDate", "2024-01-01");

    ObjectNode u2f = entries.addObject();
    u2f.putArray("attestationCertificateKeyIdentifiers")
        .add("bf7bcaa0d0c6187a8c6abbdd16a15640e7c7bde2");
    u2f.putObject("metadataStatement").put("description", "Some U2F key");
    return payload;
  }

  /** Signs the payload as a compact JWS with the leaf of the PKI and its chain in x5c. */
  static String sign(Pki pki, ObjectNode payload) throws Exception {
    return sign(pki.leafKey().getPrivate(), pki.chain(), payload.toString());
  }

  static String sign(PrivateKey key, List<X509Certificate> chain, String payload) throws Exception {
    boolean ec = key.getAlgorithm().equals("EC");
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", ec ? "ES256" : "RS256");
    header.put("typ", "JWT");
    ArrayNode x5c = header.putArray("x5c");
    for (X509Certificate certificate : chain) {
      x5c.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
    }
    String input = b64(header.toString()) + "." + b64(payload);
    Signature signer = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
    signer.initSign(key);
    signer.update(input.getBytes(StandardCharsets.US_ASCII));
    byte[] signature = signer.sign();
    if (ec) {
      signature = rawEcdsa(signature);
    }
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** DER ECDSA signature to JOSE's fixed 64-byte R || S. */
  private static byte[] rawEcdsa(byte[] der) {
    ASN1Sequence sequence = ASN1Sequence.getInstance(der);
    byte[] raw = new byte[64];
    copyUnsigned(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), raw, 0);
    copyUnsigned(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), raw, 32);
    return raw;
  }

  private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > 32 ? bytes.length - 32 : 0;
    int length = bytes.length - start;
    System.arraycopy(bytes, start, out, offset + 32 - length, length);
    Arrays.fill(out, offset, offset + 32 - length, (byte) 0);
  }
}
