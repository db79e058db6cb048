package io.keydesk.mds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.mds.TestBlobs.Pki;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MdsBlobVerifierTest {
  private static final String DOWNLOAD_AGAIN =
      " Download the BLOB again from https://mds3.fidoalliance.org/ and import that file.";

  private static Pki fido;
  private static Pki other;
  private static Pki rsa;

  @BeforeAll
  static void createPkis() throws Exception {
    fido = Pki.create("Test FIDO", false);
    other = Pki.create("Impostor", false);
    rsa = Pki.create("Test RSA", true);
  }

  private static MdsBlobVerifier verifier(Pki pki) {
    return verifier(pki, TestBlobs.NOW);
  }

  private static MdsBlobVerifier verifier(Pki pki, Instant now) {
    return new MdsBlobVerifier(pki.root(), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void es256BlobSignedUnderTheRootIsAcceptedAndItsFido2EntriesExtracted() throws Exception {
    MdsBlob blob = verifier(fido).verify(TestBlobs.sign(fido, TestBlobs.payload(42, "2025-07-01")));
    assertThat(blob.number()).isEqualTo(42);
    assertThat(blob.nextUpdate()).isEqualTo(LocalDate.of(2025, 7, 1));
    assertThat(blob.legalHeader()).contains("Test legal header");
    assertThat(blob.models()).hasSize(2); // the U2F entry has no aaguid

    AuthenticatorModel yubikey = blob.models().get(0);
    assertThat(yubikey.aaguid()).isEqualTo(Aaguids.parse(TestBlobs.YUBIKEY_AAGUID));
    assertThat(yubikey.name()).isEqualTo("YubiKey 5 Series with NFC");
    assertThat(yubikey.icon()).contains(TestBlobs.ICON);
    assertThat(yubikey.status()).contains("UPDATE_AVAILABLE");
    assertThat(yubikey.certification()).contains("FIDO_CERTIFIED_L2");
    assertThat(yubikey.source()).isEqualTo(AuthenticatorModel.Source.MDS);
    assertThat(yubikey.isCompromised()).isFalse();

    AuthenticatorModel revoked = blob.models().get(1);
    assertThat(revoked.name()).isEqualTo("Test Key NFC");
    assertThat(revoked.icon()).as("only data: URLs are kept").isEmpty();
    assertThat(revoked.status()).contains("REVOKED");
    assertThat(revoked.certification()).isEmpty();
    assertThat(revoked.isCompromised()).isTrue();
  }

  @Test
  void rs256BlobIsAccepted() throws Exception {
    MdsBlob blob = verifier(rsa).verify(TestBlobs.sign(rsa, TestBlobs.payload(7, "2025-07-01")));
    assertThat(blob.number()).isEqualTo(7);
    assertThat(blob.models()).hasSize(2);
  }

  @Test
  void chainEndingWithTheRootItselfIsAccepted() throws Exception {
    String jwt =
        TestBlobs.sign(
            fido.leafKey().getPrivate(),
            List.of(fido.leaf(), fido.intermediate(), fido.root()),
            TestBlobs.payload(1, "2025-07-01").toString());
    assertThat(verifier(fido).verify(jwt).number()).isEqualTo(1);
  }

  @Test
  void tamperedPayloadIsRefused() throws Exception {
    String jwt = TestBlobs.sign(fido, TestBlobs.payload(42, "2025-07-01"));
    String[] parts = jwt.split("\\.");
    ObjectNode changed = TestBlobs.payload(42, "2025-07-01");
    changed.withArray("entries").remove(1); // hide the REVOKED entry
    String tampered = parts[0] + "." + TestBlobs.b64(changed.toString()) + "." + parts[2];
    assertThatThrownBy(() -> verifier(fido).verify(tampered))
        .isInstanceOf(MdsException.class)
        .hasMessage(
            "The metadata BLOB's signature does not verify: the file was modified or damaged."
                + DOWNLOAD_AGAIN);
  }

  @Test
  void blobSignedUnderAnotherRootIsRefused() throws Exception {
    String jwt = TestBlobs.sign(other, TestBlobs.payload(42, "2025-07-01"));
    assertThatThrownBy(() -> verifier(fido).verify(jwt))
        .isInstanceOf(MdsException.class)
        .hasMessageStartingWith(
            "The metadata BLOB's certificate chain does not lead to the trusted root CN=Test FIDO"
                + " Root (")
        .hasMessageEndingWith(
            "): it was not published by the FIDO Alliance, or a certificate expired."
                + DOWNLOAD_AGAIN);
  }

  @Test
  void leafOfTheRightHierarchyWithoutItsIntermediateIsRefused() throws Exception {
    String jwt =
        TestBlobs.sign(
            fido.leafKey().getPrivate(),
            List.of(fido.leaf()),
            TestBlobs.payload(1, "2025-07-01").toString());
    assertThatThrownBy(() -> verifier(fido).verify(jwt))
        .hasMessageStartingWith("The metadata BLOB's certificate chain does not lead to");
  }

  @Test
  void impostorLeafWithTheGenuineIntermediateInX5cIsRefused() throws Exception {
    // The attacker signs with their own key but presents the genuine chain: signature fails.
    String jwt =
        TestBlobs.sign(
            other.leafKey().getPrivate(),
            fido.chain(),
            TestBlobs.payload(1, "2025-07-01").toString());
    assertThatThrownBy(() -> verifier(fido).verify(jwt))
        .hasMessageStartingWith("The metadata BLOB's signature does not verify");
  }

  @Test
  void testBlobIsRefusedByTheProductionGlobalSignRoot() throws Exception {
    String jwt = TestBlobs.sign(fido, TestBlobs.payload(42, "2025-07-01"));
    assertThatThrownBy(
            () ->
                MdsBlobVerifier.fidoAlliance(Clock.fixed(TestBlobs.NOW, ZoneOffset.UTC))
                    .verify(jwt))
        .hasMessageStartingWith(
            "The metadata BLOB's certificate chain does not lead to the trusted root"
                + " CN=GlobalSign,O=GlobalSign,OU=GlobalSign Root CA - R3 (");
  }

  @Test
  void expiredNextUpdateIsRefusedButTheLastDayIsValid() throws Exception {
    String jwt = TestBlobs.sign(fido, TestBlobs.payload(42, "2025-06-14"));
    assertThatThrownBy(() -> verifier(fido).verify(jwt))
        .isInstanceOf(MdsException.class)
        .hasMessage(
            "The metadata BLOB expired: its nextUpdate was 2025-06-14 (BLOB number 42). Download"
                + " the current BLOB from https://mds3.fidoalliance.org/ and import it.");
    String lastDay = TestBlobs.sign(fido, TestBlobs.payload(43, "2025-06-15"));
    assertThat(verifier(fido).verify(lastDay).number()).isEqualTo(43);
  }

  @Test
  void expiredSigningCertificateIsRefused() throws Exception {
    String jwt = TestBlobs.sign(fido, TestBlobs.payload(42, "2030-01-01"));
    assertThatThrownBy(() -> verifier(fido, TestBlobs.NOW.plus(400, ChronoUnit.DAYS)).verify(jwt))
        .hasMessageContaining("does not lead to the trusted root")
        .hasMessageContaining("or a certificate expired");
  }

  @Test
  void notAJwtIsRefused() {
    assertThatThrownBy(() -> verifier(fido).verify("<html>Not found</html>"))
        .hasMessage(
            "This is not a FIDO metadata BLOB: a BLOB is a JWT, but it does not have three"
                + " non-empty parts separated by dots. Download the BLOB from"
                + " https://mds3.fidoalliance.org/ and import that file.");
    assertThatThrownBy(() -> verifier(fido).verify("e30.b*.c"))
        .hasMessageContaining("but its payload is not base64url");
  }

  @Test
  void unsignedOrHmacBlobsAreRefused() throws Exception {
    String payload = TestBlobs.b64(TestBlobs.payload(1, "2025-07-01").toString());
    for (String alg : new String[] {"none", "HS256"}) {
      String jwt = TestBlobs.b64("{\"alg\":\"" + alg + "\"}") + "." + payload + ".AAAA";
      assertThatThrownBy(() -> verifier(fido).verify(jwt))
          .hasMessage(
              "The metadata BLOB is signed with the algorithm '"
                  + alg
                  + "'; KeyDesk accepts ES256 and RS256 only. Download the BLOB from"
                  + " https://mds3.fidoalliance.org/ and import that file.");
    }
  }

  @Test
  void headerWithoutX5cIsRefused() throws Exception {
    String jwt = TestBlobs.sign(fido, TestBlobs.payload(1, "2025-07-01"));
    String[] parts = jwt.split("\\.");
    String noChain =
        TestBlobs.b64("{\"alg\":\"ES256\",\"x5u\":\"https://mds3.fidoalliance.org/x\"}")
            + "."
            + parts[1]
            + "."
            + parts[2];
    assertThatThrownBy(() -> verifier(fido).verify(noChain))
        .hasMessage(
            "The metadata BLOB's header has no x5c certificate chain, so KeyDesk cannot check who"
                + " signed it."
                + DOWNLOAD_AGAIN);
  }

  @Test
  void algorithmNotMatchingTheLeafKeyIsRefused() throws Exception {
    String jwt = TestBlobs.sign(rsa, TestBlobs.payload(1, "2025-07-01"));
    String[] parts = jwt.split("\\.");
    String header =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(java.util.Base64.getUrlDecoder().decode(parts[0]))
            .toString()
            .replace("RS256", "ES256");
    String swapped = TestBlobs.b64(header) + "." + parts[1] + "." + parts[2];
    assertThatThrownBy(() -> verifier(rsa).verify(swapped))
        .hasMessageStartingWith(
            "The metadata BLOB says ES256 but its signing certificate has no P-256 key");
  }

  @Test
  void payloadWithoutSerialNumberIsRefused() throws Exception {
    ObjectNode payload = TestBlobs.payload(1, "2025-07-01");
    payload.remove("no");
    String jwt = TestBlobs.sign(fido, payload);
    assertThatThrownBy(() -> verifier(fido).verify(jwt))
        .hasMessage(
            "The metadata BLOB's payload is not an MDS3 metadata BLOB: its serial number 'no' is"
                + " missing or not a non-negative integer."
                + DOWNLOAD_AGAIN);
  }

  @Test
  void entryWithoutStatusReportsHasNoStatus() {
    ObjectNode entry = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    entry.put("aaguid", TestBlobs.UNBUNDLED_AAGUID);
    entry.putObject("metadataStatement").put("description", "Plain key");
    AuthenticatorModel model = MdsBlobVerifier.model(entry).orElseThrow();
    assertThat(model.status()).isEqualTo(Optional.empty());
    assertThat(model.describe()).isEqualTo("Plain key");
  }
}
