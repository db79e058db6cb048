package io.keydesk.mds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.mds.TestBlobs.Pki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MdsImporterTest {
  private static Pki fido;

  @TempDir Path dataDir;

  @BeforeAll
  static void createPki() throws Exception {
    fido = Pki.create("Test FIDO", false);
  }

  private MdsImporter importer() {
    return new MdsImporter(
        new MdsBlobVerifier(fido.root(), Clock.fixed(TestBlobs.NOW, ZoneOffset.UTC)),
        new MdsCache(dataDir));
  }

  private Path blobFile(long no, String nextUpdate) throws Exception {
    Path file = dataDir.resolve("blob-" + no + ".jwt");
    Files.writeString(
        file,
        TestBlobs.sign(fido, TestBlobs.payload(no, nextUpdate)) + "\n",
        StandardCharsets.US_ASCII);
    return file;
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void importedEntriesComeFirstAndTheBundledTableAddsTheVendor() throws Exception {
    MdsBlob blob = importer().importFile(blobFile(42, "2025-07-01"));
    assertThat(blob.models()).hasSize(2);
    assertThat(Files.exists(dataDir.resolve(MdsCache.FILE_NAME))).isTrue();

    AuthenticatorModels models = AuthenticatorModels.load(dataDir, at("2025-06-20T00:00:00Z"));
    assertThat(models.notice()).isEmpty();
    assertThat(models.metadata().orElseThrow().number()).isEqualTo(42);
    AuthenticatorModel yubikey =
        models.lookup(Aaguids.parse(TestBlobs.YUBIKEY_AAGUID)).orElseThrow();
    assertThat(yubikey.source()).isEqualTo(AuthenticatorModel.Source.MDS);
    assertThat(yubikey.vendor()).contains("Yubico");
    assertThat(yubikey.icon()).contains(TestBlobs.ICON);
    assertThat(yubikey.certification()).contains("FIDO_CERTIFIED_L2");
    assertThat(yubikey.status()).contains("UPDATE_AVAILABLE");
    assertThat(yubikey.describe()).isEqualTo("YubiKey 5 Series with NFC (FIDO certified L2)");

    AuthenticatorModel unbundled =
        models.lookup(Aaguids.parse(TestBlobs.UNBUNDLED_AAGUID)).orElseThrow();
    assertThat(unbundled.name()).isEqualTo("Test Key NFC");
    assertThat(unbundled.vendor()).isEmpty();
    assertThat(unbundled.isCompromised()).isTrue();

    // Not in the BLOB: the bundled table still answers.
    assertThat(models.lookup(Aaguids.parse("83d56a1a-042a-45e2-ba46-4e6f5a3a1acd")))
        .map(AuthenticatorModel::source)
        .contains(AuthenticatorModel.Source.BUNDLED);
  }

  @Test
  void cacheIsUsedUntilNextUpdateThenFallsBackToTheBundledTable() throws Exception {
    importer().importFile(blobFile(42, "2025-07-01"));
    AuthenticatorModels lastDay = AuthenticatorModels.load(dataDir, at("2025-07-01T23:59:59Z"));
    assertThat(lastDay.lookup(Aaguids.parse(TestBlobs.UNBUNDLED_AAGUID))).isPresent();

    AuthenticatorModels expired = AuthenticatorModels.load(dataDir, at("2025-07-02T00:00:00Z"));
    assertThat(expired.metadata()).isEmpty();
    assertThat(expired.lookup(Aaguids.parse(TestBlobs.UNBUNDLED_AAGUID))).isEmpty();
    assertThat(expired.lookup(Aaguids.parse(TestBlobs.YUBIKEY_AAGUID)))
        .map(AuthenticatorModel::source)
        .contains(AuthenticatorModel.Source.BUNDLED);
    assertThat(expired.notice())
        .contains(
            "The imported FIDO metadata expired on 2025-07-01; only the bundled table is used."
                + " Download the current BLOB from https://mds3.fidoalliance.org/ and import it"
                + " with 'keydesk mds import FILE'.");
  }

  @Test
  void olderBlobIsRefusedAndTheCacheKept() throws Exception {
    importer().importFile(blobFile(42, "2025-07-01"));
    assertThatThrownBy(() -> importer().importFile(blobFile(41, "2025-08-01")))
        .isInstanceOf(MdsException.class)
        .hasMessage(
            "This metadata BLOB (number 41) is older than the one already imported (number 42,"
                + " valid until 2025-07-01); KeyDesk keeps the newer one. Download the current"
                + " BLOB from https://mds3.fidoalliance.org/ if you need a fresh copy.");
    assertThat(new MdsCache(dataDir).read().orElseThrow().number()).isEqualTo(42);
    // The same BLOB again, or a newer one, is fine.
    assertThat(importer().importFile(blobFile(42, "2025-07-01")).number()).isEqualTo(42);
    assertThat(importer().importFile(blobFile(43, "2025-08-01")).number()).isEqualTo(43);
    assertThat(new MdsCache(dataDir).read().orElseThrow().nextUpdate())
        .isEqualTo(LocalDate.of(2025, 8, 1));
  }

  @Test
  void refusedBlobLeavesNoCache() throws Exception {
    Path file = dataDir.resolve("bad.jwt");
    Files.writeString(file, "not.a.blob");
    assertThatThrownBy(() -> importer().importFile(file)).isInstanceOf(MdsException.class);
    assertThat(Files.exists(dataDir.resolve(MdsCache.FILE_NAME))).isFalse();
    assertThat(AuthenticatorModels.load(dataDir, Clock.systemUTC()).metadata()).isEmpty();
  }

  @Test
  void binaryFileIsNotABlob() throws Exception {
    Path zip = dataDir.resolve("blob.zip");
    Files.write(zip, new byte[] {'P', 'K', 3, 4, (byte) 0xff, (byte) 0xfe});
    assertThatThrownBy(() -> importer().importFile(zip))
        .hasMessage(
            zip
                + " is not a FIDO metadata BLOB: a BLOB is a JWT, plain ASCII text. Download the"
                + " BLOB from https://mds3.fidoalliance.org/ and import that file.");
  }

  @Test
  void missingFileIsExplained() {
    Path missing = dataDir.resolve("nowhere.jwt");
    assertThatThrownBy(() -> importer().importFile(missing))
        .hasMessage("No such file: " + missing + ". Give the path of the downloaded BLOB.");
  }

  @Test
  void corruptCacheIsIgnoredWithANoticeAndReplacedByTheNextImport() throws Exception {
    Path cache = dataDir.resolve(MdsCache.FILE_NAME);
    Files.writeString(cache, "{not json");
    AuthenticatorModels models = AuthenticatorModels.load(dataDir, Clock.systemUTC());
    assertThat(models.metadata()).isEmpty();
    assertThat(models.notice().orElseThrow())
        .startsWith("The FIDO metadata cache " + cache + " is unreadable (")
        .endsWith("). Import the BLOB again with 'keydesk mds import FILE'.");
    assertThat(models.lookup(Aaguids.parse(TestBlobs.YUBIKEY_AAGUID))).isPresent();

    importer().importFile(blobFile(1, "2025-07-01"));
    assertThat(new MdsCache(dataDir).read().orElseThrow().number()).isEqualTo(1);
  }

  @Test
  void cacheRoundTripKeepsEverythingLookupsNeed() throws Exception {
    MdsBlob blob = importer().importFile(blobFile(5, "2025-07-01"));
    assertThat(new MdsCache(dataDir).read()).contains(blob);
  }
}
