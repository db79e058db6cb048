package io.keydesk.mds;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GlobalSignRootTest {
  @Test
  void bundledPemIsGlobalSignRootR3WithThePublishedFingerprint() throws Exception {
    X509Certificate root = GlobalSignRoot.certificate();
    // Published SHA-256 fingerprint of GlobalSign Root CA - R3 (GlobalSign, Mozilla, Microsoft).
    assertThat(GlobalSignRoot.sha256(root.getEncoded()))
        .isEqualTo("cbb522d7b7f127ad6a0113865bdf1cd4102e7d0759af635a7cf4720dc963c53b");
    assertThat(root.getSubjectX500Principal().getName())
        .isEqualTo("CN=GlobalSign,O=GlobalSign,OU=GlobalSign Root CA - R3");
    assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
    assertThat(root.getSerialNumber()).isEqualTo(new BigInteger("04000000000121585308a2", 16));
    assertThat(root.getNotAfter().toInstant()).isEqualTo(Instant.parse("2029-03-18T10:00:00Z"));
    assertThat(root.getBasicConstraints()).isNotNegative();
    root.verify(root.getPublicKey()); // self-signed
  }
}
