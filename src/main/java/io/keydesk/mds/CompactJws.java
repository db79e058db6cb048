package io.keydesk.mds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * A JWS in compact serialization (RFC 7515 section 7.1): {@code BASE64URL(header) '.'
 * BASE64URL(payload) '.' BASE64URL(signature)}, signed with ES256 or RS256 (RFC 7518 sections 3.3
 * and 3.4). Parsing is strict: three parts, unpadded base64url, a JSON object header.
 *
 * @param header the protected header
 * @param payload the payload bytes
 * @param signingInput the ASCII bytes the signature covers: the first two parts and the dot
 * @param signature the signature bytes (for ES256, R || S, 64 bytes)
 */
record CompactJws(JsonNode header, byte[] payload, byte[] signingInput, byte[] signature) {
  static final String ES256 = "ES256";
  static final String RS256 = "RS256";

  private static final int ES256_SIGNATURE_LENGTH = 64;
  private static final int P256_FIELD_BITS = 256;
  private static final int MIN_RSA_BITS = 2048;

  /**
   * @throws MdsException when the text is not a compact JWS
   */
  static CompactJws parse(String compact, ObjectMapper json) {
    String text = compact.strip();
    String[] parts = text.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw notAJwt("it does not have three non-empty parts separated by dots");
    }
    byte[] headerBytes = base64Url(parts[0], "header");
    byte[] payload = base64Url(parts[1], "payload");
    byte[] signature = base64Url(parts[2], "signature");
    JsonNode header;
    try {
      header = json.readTree(headerBytes);
    } catch (IOException e) {
      throw notAJwt("its header is not JSON");
    }
    if (header == null || !header.isObject()) {
      throw notAJwt("its header is not a JSON object");
    }
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    return new CompactJws(header, payload, signingInput, signature);
  }

  /** The header's {@code alg}, or empty text. */
  String algorithm() {
    return header.path("alg").asText("");
  }

  /**
   * Verifies the signature with the key, for the header's algorithm.
   *
   * @return false when the signature does not verify
   * @throws MdsException when the key does not fit the algorithm
   */
  boolean verify(PublicKey key) {
    String alg = algorithm();
    try {
      Signature verifier;
      byte[] encoded;
      if (alg.equals(ES256)) {
        if (!(key instanceof ECPublicKey ec)
            || ec.getParams().getCurve().getField().getFieldSize() != P256_FIELD_BITS) {
          throw new MdsException(
              "The metadata BLOB says ES256 but its signing certificate has no P-256 key; the"
                  + " file is not a genuine FIDO metadata BLOB.");
        }
        if (signature.length != ES256_SIGNATURE_LENGTH) {
          return false;
        }
        encoded = derSignature(signature);
        verifier = Signature.getInstance("SHA256withECDSA");
      } else if (alg.equals(RS256)) {
        if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS) {
          throw new MdsException(
              "The metadata BLOB says RS256 but its signing certificate has no RSA key of at least"
                  + " 2048 bits; the file is not a genuine FIDO metadata BLOB.");
        }
        encoded = signature;
        verifier = Signature.getInstance("SHA256withRSA");
      } else {
        throw unsupported(alg);
      }
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(encoded);
    } catch (GeneralSecurityException | IOException e) {
      return false;
    }
  }

  static MdsException unsupported(String alg) {
    return new MdsException(
        "The metadata BLOB is signed with the algorithm '"
            + alg
            + "'; KeyDesk accepts ES256 and RS256 only. Download the BLOB from"
            + " https://mds3.fidoalliance.org/ and import that file.");
  }

  /** JOSE's R || S to the DER SEQUENCE of two INTEGERs that JCA verifies. */
  private static byte[] derSignature(byte[] raw) throws IOException {
    int half = raw.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length));
    return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
  }

  private static byte[] base64Url(String part, String what) {
    if (part.indexOf('=') >= 0) {
      throw notAJwt("its " + what + " is padded base64, not base64url");
    }
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw notAJwt("its " + what + " is not base64url");
    }
  }

  private static MdsException notAJwt(String why) {
    return new MdsException(
        "This is not a FIDO metadata BLOB: a BLOB is a JWT, but "
            + why
            + ". Download the BLOB from https://mds3.fidoalliance.org/ and import that file.");
  }
}
