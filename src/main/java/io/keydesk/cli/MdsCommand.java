package io.keydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keydesk.mds.Aaguids;
import io.keydesk.mds.AuthenticatorModel;
import io.keydesk.mds.AuthenticatorModels;
import io.keydesk.mds.MdsBlob;
import io.keydesk.mds.MdsImporter;
import io.keydesk.store.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code keydesk mds}: FIDO Metadata Service BLOBs and AAGUID to model lookups. */
@Command(
    name = "mds",
    mixinStandardHelpOptions = true,
    description = {
      "Authenticator models from their AAGUID: a bundled table of well-known keys, and the FIDO",
      "Metadata Service (MDS3) BLOB you download from https://mds3.fidoalliance.org/ and import."
    },
    subcommands = {MdsCommand.Import.class, MdsCommand.Lookup.class})
final class MdsCommand {
  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      description =
          "Directory of KeyDesk's local data (default: the platform's data directory, or"
              + " $KEYDESK_DATA_DIR).")
  Path dataDir;

  Path dataDirectory() {
    return DataDirectory.resolve(Optional.ofNullable(dataDir));
  }

  /** {@code keydesk mds import FILE}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Verify a FIDO MDS3 BLOB (signature, certificate chain up to GlobalSign Root CA - R3,",
        "nextUpdate, serial number) and keep its authenticator models until its nextUpdate."
      })
  static final class Import implements Callable<Integer> {
    @ParentCommand MdsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The BLOB downloaded from the FIDO Alliance.")
    Path file;

    @Override
    public Integer call() {
      Path dir = DataDirectory.ensureExists(parent.dataDirectory());
      MdsBlob blob = MdsImporter.fidoAlliance(dir, Clock.systemUTC()).importFile(file);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Imported "
              + blob.models().size()
              + " authenticator models, valid until "
              + blob.nextUpdate()
              + ".");
      out.flush();
      return KeyDeskCommand.EXIT_OK;
    }
  }

  /** {@code keydesk mds lookup AAGUID}. */
  @Command(
      name = "lookup",
      mixinStandardHelpOptions = true,
      description = "Show the authenticator model of an AAGUID.")
  static final class Lookup implements Callable<Integer> {
    @ParentCommand MdsCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "AAGUID", description = "e.g. 2fc0579f-8113-47ea-b116-bb5a8db9202a")
    String aaguid;

    @Option(names = "--json", description = "Print the model as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      UUID id;
      try {
        id = Aaguids.parse(aaguid);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      AuthenticatorModels models =
          AuthenticatorModels.load(parent.dataDirectory(), Clock.systemUTC());
      PrintWriter err = spec.commandLine().getErr();
      models.notice().ifPresent(n -> err.println("keydesk: note: " + n));
      Optional<AuthenticatorModel> found = models.lookup(id);
      if (found.isEmpty()) {
        err.println(
            "keydesk: No model known for AAGUID "
                + id
                + "."
                + (models.metadata().isEmpty()
                    ? " Import the FIDO Metadata Service BLOB with 'keydesk mds import FILE'"
                        + " (download it from https://mds3.fidoalliance.org/)."
                    : ""));
        err.flush();
        return KeyDeskCommand.EXIT_FAILED;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(
          json ? toJson(found.get(), models) + System.lineSeparator() : text(found.get(), models));
      out.flush();
      return KeyDeskCommand.EXIT_OK;
    }
  }

  static String text(AuthenticatorModel model, AuthenticatorModels models) {
    StringBuilder out = new StringBuilder();
    line(out, "AAGUID", model.aaguid().toString());
    line(out, "Model", model.name());
    model.vendor().ifPresent(v -> line(out, "Vendor", v));
    model.certificationText().ifPresent(c -> line(out, "Certification", c));
    model.status().ifPresent(s -> line(out, "Latest status", s));
    if (model.isCompromised()) {
      line(out, "Warning", "the FIDO Alliance reports " + model.status().get() + " for this model");
    }
    line(out, "Icon", model.icon().isPresent() ? "yes (data: URL, see --json)" : "none");
    line(out, "Source", source(model, models));
    return out.toString();
  }

  private static String source(AuthenticatorModel model, AuthenticatorModels models) {
    if (model.source() == AuthenticatorModel.Source.BUNDLED) {
      return "KeyDesk's bundled table";
    }
    MdsBlob blob = models.metadata().orElseThrow();
    return "FIDO Metadata Service BLOB " + blob.number() + ", valid until " + blob.nextUpdate();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "%-14s %s%n", label + ":", value));
  }

  static String toJson(AuthenticatorModel model, AuthenticatorModels models) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("aaguid", model.aaguid().toString());
    json.put("name", model.name());
    model.vendor().ifPresent(v -> json.put("vendor", v));
    model.certification().ifPresent(c -> json.put("certification", c));
    model.status().ifPresent(s -> json.put("status", s));
    json.put("compromised", model.isCompromised());
    model.icon().ifPresent(i -> json.put("icon", i));
    json.put("source", model.source().label());
    if (model.source() == AuthenticatorModel.Source.MDS) {
      MdsBlob blob = models.metadata().orElseThrow();
      json.put("mdsNumber", blob.number());
      json.put("mdsNextUpdate", blob.nextUpdate().toString());
    }
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
  }
}
