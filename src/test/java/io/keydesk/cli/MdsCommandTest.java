package io.keydesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keydesk.authenticator.SoftwareAuthenticator;
import io.keydesk.authenticator.UdpSimulatorServer;
import io.keydesk.authenticator.ctap.Ctap2CommandHandler;
import io.keydesk.mds.AuthenticatorModel;
import io.keydesk.mds.MdsBlob;
import io.keydesk.mds.MdsCache;
import io.keydesk.store.DataDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** keydesk mds import / lookup, and the Model line of keydesk info, on a temporary data dir. */
class MdsCommandTest {
  private static final UUID UNBUNDLED = UUID.fromString("0bb43545-fd2c-4185-87dd-feb0b2916ace");

  @TempDir Path dataDir;

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KeyDeskCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @AfterEach
  void clearProperties() {
    System.clearProperty(DataDirectory.PROPERTY);
    System.clearProperty(DeviceChoice.SIMULATORS_PROPERTY);
  }

  private void cache(long no, LocalDate nextUpdate) {
    new MdsCache(dataDir)
        .write(
            new MdsBlob(
                no,
                nextUpdate,
                Optional.empty(),
                List.of(
                    new AuthenticatorModel(
                        UNBUNDLED,
                        "Test Key NFC",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("FIDO_CERTIFIED_L1"),
                        Optional.of("REVOKED"),
                        AuthenticatorModel.Source.MDS))));
  }

  @Test
  void lookupInTheBundledTable() {
    Result result =
        run("mds", "lookup", "--data-dir", dataDir.toString(), "2FC0579F811347EAB116BB5A8DB9202A");
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .isEqualTo(
            String.join(
                "\n",
                "AAGUID:        2fc0579f-8113-47ea-b116-bb5a8db9202a",
                "Model:         YubiKey 5 Series with NFC",
                "Vendor:        Yubico",
                "Icon:          none",
                "Source:        KeyDesk's bundled table",
                ""));
  }

  @Test
  void lookupJson() throws Exception {
    Result result =
        run(
            "mds",
            "--data-dir",
            dataDir.toString(),
            "lookup",
            "--json",
            "83d56a1a-042a-45e2-ba46-4e6f5a3a1acd");
    assertThat(result.exit()).isZero();
    assertThat(new ObjectMapper().readTree(result.out()).toString())
        .isEqualTo(
            "{\"aaguid\":\"83d56a1a-042a-45e2-ba46-4e6f5a3a1acd\",\"name\":\"KeyDesk Software"
                + " Authenticator\",\"vendor\":\"KeyDesk\",\"compromised\":false,"
                + "\"source\":\"bundled\"}");
  }

  /** Today as the command sees it (it judges metadata by the UTC date). */
  private static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  @Test
  void lookupInImportedMetadataWarnsAboutRevokedModels() {
    LocalDate nextUpdate = today().plusDays(30);
    cache(42, nextUpdate);
    Result result = run("mds", "lookup", "--data-dir", dataDir.toString(), UNBUNDLED.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            String.join(
                "\n",
                "AAGUID:        0bb43545-fd2c-4185-87dd-feb0b2916ace",
                "Model:         Test Key NFC",
                "Certification: FIDO certified L1",
                "Latest status: REVOKED",
                "Warning:       the FIDO Alliance reports REVOKED for this model",
                "Icon:          none",
                "Source:        FIDO Metadata Service BLOB 42, valid until "
                    + nextUpdate,
                ""));
  }

  @Test
  void expiredMetadataIsNotUsedAndSaysSo() {
    LocalDate nextUpdate = today().minusDays(2);
    cache(42, nextUpdate);
    Result result = run("mds", "lookup", "--data-dir", dataDir.toString(), UNBUNDLED.toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "keydesk: note: The imported FIDO metadata expired on "
                + nextUpdate
                + "; only the bundled table is used. Download the current BLOB from"
                + " https://mds3.fidoalliance.org/ and import it with 'keydesk mds import FILE'.\n"
                + "keydesk: No model known for AAGUID 0bb43545-fd2c-4185-87dd-feb0b2916ace."
                + " Import the FIDO Metadata Service BLOB with 'keydesk mds import FILE' (download"
                + " it from https://mds3.fidoalliance.org/).\n");
  }

  @Test
  void malformedAaguidIsAUsageError() {
    Result result = run("mds", "lookup", "--data-dir", dataDir.toString(), "yubikey");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "keydesk: 'yubikey' is not an AAGUID: give 32 hex digits, e.g."
                + " 2fc0579f-8113-47ea-b116-bb5a8db9202a.\n");
  }

  @Test
  void importRefusesWhatIsNotABlobAndKeepsNoCache() throws Exception {
    Path file = dataDir.resolve("download.html");
    Files.writeString(file, "<html>Sign in</html>\n");
    Result result = run("mds", "import", "--data-dir", dataDir.toString(), file.toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "keydesk: This is not a FIDO metadata BLOB: a BLOB is a JWT, but it does not have"
                + " three non-empty parts separated by dots. Download the BLOB from"
                + " https://mds3.fidoalliance.org/ and import that file.\n");
    assertThat(Files.exists(dataDir.resolve(MdsCache.FILE_NAME))).isFalse();
  }

  @Test
  void infoShowsTheModel() throws Exception {
    System.setProperty(DataDirectory.PROPERTY, dataDir.toString());
    System.setProperty(DeviceChoice.SIMULATORS_PROPERTY, "");
    try (SoftwareAuthenticator authenticator =
            SoftwareAuthenticator.builder().handler(Ctap2CommandHandler::new).build();
        UdpSimulatorServer server =
            UdpSimulatorServer.start(
                authenticator.responder(),
                UdpSimulatorServer.Config.ports(0, 0).withReplyToSender(true))) {
      String device = "udp:127.0.0.1:" + server.deviceAddress().getPort() + "/0";
      Result text = run("--device", device, "info");
      assertThat(text.exit()).as(text.err()).isZero();
      assertThat(text.out().replaceAll(" +", " "))
          .contains(
              "AAGUID: 83d56a1a-042a-45e2-ba46-4e6f5a3a1acd\nModel: KeyDesk Software"
                  + " Authenticator\n");
      JsonNode json = new ObjectMapper().readTree(run("--device", device, "info", "--json").out());
      assertThat(json.get("model").get("name").asText())
          .isEqualTo("KeyDesk Software Authenticator");
      assertThat(json.get("model").get("source").asText()).isEqualTo("bundled");
    }
  }
}
