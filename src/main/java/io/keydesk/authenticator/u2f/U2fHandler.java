package io.keydesk.authenticator.u2f;

import io.keydesk.authenticator.CommandHandler;
import io.keydesk.authenticator.RequestContext;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap1.Apdu;
import io.keydesk.ctap1.ApduResponse;
import io.keydesk.ctap1.AuthenticateResponse;
import io.keydesk.ctap1.RegisterResponse;
import io.keydesk.ctap1.U2fPublicKeys;
import io.keydesk.ctap1.U2fStatus;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A U2F-only software authenticator (FIDO U2F Raw Message Formats v1.2), served over CTAPHID_MSG;
 * CTAPHID_CBOR is not offered (INIT capabilities without CBOR, NMSG clear). Install it with {@code
 * SoftwareAuthenticator.builder().handler(U2fHandler::new)}.
 *
 * <p>Key handles are stateless: a random nonce and a MAC binding it to the application parameter,
 * both under the device secret; the credential's private key is derived from the same secret and
 * nonce. The attestation certificate is self-signed, generated when the handler starts. The
 * signature counter is kept in memory.
 */
public final class U2fHandler implements CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(U2fHandler.class);
  private static final int NONCE_LENGTH = 32;
  private static final int MAC_LENGTH = 32;
  private static final String VERSION = "U2F_V2";

  private final byte[] deviceSecret;
  private final SecureRandom random = new SecureRandom();
  private final KeyPair attestationKey;
  private final Bytes attestationCertificate;
  private final AtomicLong counter = new AtomicLong();

  public U2fHandler(SoftwareAuthenticator.Setup setup) {
    this.deviceSecret = setup.state().deviceSecret().toArray();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.attestationKey = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=KeyDesk U2F software authenticator");
      this.attestationCertificate =
          Bytes.of(
              new JcaX509v3CertificateBuilder(
                      name,
                      BigInteger.valueOf(now.toEpochMilli()),
                      Date.from(now.minus(1, ChronoUnit.DAYS)),
                      Date.from(now.plus(3650, ChronoUnit.DAYS)),
                      name,
                      attestationKey.getPublic())
                  .build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .build(attestationKey.getPrivate()))
                  .getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the U2F attestation certificate", e);
    }
  }

  @Override
  public boolean supportsCbor() {
    return false;
  }

  @Override
  public boolean supportsMsg() {
    return true;
  }

  @Override
  public byte[] handleCbor(byte[] request, RequestContext context) throws CtapException {
    throw new CtapException(CtapStatus.INVALID_COMMAND);
  }

  @Override
  public byte[] handleMsg(byte[] apdu, RequestContext context) {
    Apdu request;
    try {
      request = Apdu.decode(apdu);
    } catch (IllegalArgumentException e) {
      LOG.debug("malformed APDU: {}", e.getMessage());
      return status(U2fStatus.WRONG_LENGTH);
    }
    if (request.cla() != 0) {
      return status(U2fStatus.CLA_NOT_SUPPORTED);
    }
    try {
      return switch (request.ins()) {
        case Apdu.INS_REGISTER -> register(request.data(), context);
        case Apdu.INS_AUTHENTICATE -> authenticate(request.p1(), request.data(), context);
        case Apdu.INS_VERSION ->
            new ApduResponse(
                    Bytes.of(VERSION.getBytes(StandardCharsets.US_ASCII)), U2fStatus.NO_ERROR)
                .encode();
        default -> status(U2fStatus.INS_NOT_SUPPORTED);
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("U2F crypto failed", e);
    }
  }

  private byte[] register(Bytes data, RequestContext context) throws GeneralSecurityException {
    if (data.length() != 64) {
      return status(U2fStatus.WRONG_LENGTH);
    }
    if (!present(context)) {
      return status(U2fStatus.CONDITIONS_NOT_SATISFIED);
    }
    Bytes challenge = data.slice(0, 32);
    Bytes application = data.slice(32, 64);
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    Bytes keyHandle = Bytes.concat(Bytes.of(nonce), mac(Bytes.of(nonce), application));
    Bytes publicKey = U2fPublicKeys.toRawPoint(publicKey(Bytes.of(nonce)));
    RegisterResponse unsigned =
        new RegisterResponse(publicKey, keyHandle, attestationCertificate, Bytes.of(new byte[1]));
    Bytes signature =
        sign(attestationKey.getPrivate(), unsigned.signedData(application, challenge));
    RegisterResponse response =
        new RegisterResponse(publicKey, keyHandle, attestationCertificate, signature);
    return new ApduResponse(response.toBytes(), U2fStatus.NO_ERROR).encode();
  }

  private byte[] authenticate(int control, Bytes data, RequestContext context)
      throws GeneralSecurityException {
    if (data.length() < 65 || data.length() != 65 + (data.get(64) & 0xFF)) {
      return status(U2fStatus.WRONG_LENGTH);
    }
    Bytes challenge = data.slice(0, 32);
    Bytes application = data.slice(32, 64);
    Bytes keyHandle = data.slice(65, data.length());
    if (!isOurs(keyHandle, application)) {
      return status(U2fStatus.WRONG_DATA);
    }
    int presence;
    switch (control) {
      case Apdu.CHECK_ONLY:
        return status(U2fStatus.CONDITIONS_NOT_SATISFIED);
      case Apdu.ENFORCE_USER_PRESENCE_AND_SIGN:
        if (!present(context)) {
          return status(U2fStatus.CONDITIONS_NOT_SATISFIED);
        }
        presence = 1;
        break;
      case Apdu.DONT_ENFORCE_USER_PRESENCE_AND_SIGN:
        presence = 0;
        break;
      default:
        return status(U2fStatus.WRONG_DATA);
    }
    long count = counter.incrementAndGet();
    AuthenticateResponse unsigned =
        new AuthenticateResponse(presence, count, Bytes.of(new byte[1]));
    PrivateKey key = privateKey(keyHandle.slice(0, NONCE_LENGTH));
    Bytes signature = sign(key, unsigned.signedData(application, challenge));
    return new ApduResponse(
            new AuthenticateResponse(presence, count, signature).toBytes(), U2fStatus.NO_ERROR)
        .encode();
  }

  private static boolean present(RequestContext context) {
    try {
      return context.requestUserPresence();
    } catch (CtapException e) {
      return false;
    }
  }

  private boolean isOurs(Bytes keyHandle, Bytes application) throws GeneralSecurityException {
    if (keyHandle.length() != NONCE_LENGTH + MAC_LENGTH) {
      return false;
    }
    Bytes expected = mac(keyHandle.slice(0, NONCE_LENGTH), application);
    return expected.constantTimeEquals(keyHandle.slice(NONCE_LENGTH, keyHandle.length()));
  }

  private Bytes mac(Bytes nonce, Bytes application) throws GeneralSecurityException {
    return hmac("key handle", Bytes.concat(nonce, application));
  }

  private Bytes hmac(String label, Bytes data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(deviceSecret, "HmacSHA256"));
    mac.update(label.getBytes(StandardCharsets.US_ASCII));
    return Bytes.of(mac.doFinal(data.toArray()));
  }

  private BigInteger scalar(Bytes nonce) throws GeneralSecurityException {
    X9ECParameters curve = ECNamedCurveTable.getByName("P-256");
    BigInteger n = curve.getN();
    BigInteger d = new BigInteger(1, hmac("private key", nonce).toArray());
    return d.mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  private ECPublicKey publicKey(Bytes nonce) throws GeneralSecurityException {
    X9ECParameters curve = ECNamedCurveTable.getByName("P-256");
    org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(scalar(nonce)).normalize();
    Bytes raw =
        Bytes.concat(
            Bytes.of(new byte[] {0x04}),
            Bytes.of(q.getAffineXCoord().getEncoded()),
            Bytes.of(q.getAffineYCoord().getEncoded()));
    return U2fPublicKeys.fromRawPoint(raw);
  }

  private PrivateKey privateKey(Bytes nonce) throws GeneralSecurityException {
    ECPublicKey reference = publicKey(nonce);
    return KeyFactory.getInstance("EC")
        .generatePrivate(
            new java.security.spec.ECPrivateKeySpec(scalar(nonce), reference.getParams()));
  }

  private static Bytes sign(PrivateKey key, Bytes data) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data.toArray());
    return Bytes.of(signer.sign());
  }

  private static byte[] status(int statusWord) {
    return ApduResponse.status(statusWord).encode();
  }
}
