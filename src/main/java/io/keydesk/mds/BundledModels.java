package io.keydesk.mds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The small table of well-known AAGUIDs shipped as the resource {@value #RESOURCE}. Each entry
 * names the public source it was checked against (the resource's "sources" member); nothing in it
 * is guessed.
 */
public final class BundledModels {
  /** Classpath location of the table. */
  public static final String RESOURCE = "/io/keydesk/mds/aaguids.json";

  private static final class Holder {
    static final Map<UUID, AuthenticatorModel> TABLE = load();
  }

  private BundledModels() {}

  /** Every bundled model by AAGUID, in the table's order. */
  public static Map<UUID, AuthenticatorModel> all() {
    return Holder.TABLE;
  }

  /** The bundled model with this AAGUID. */
  public static Optional<AuthenticatorModel> lookup(UUID aaguid) {
    return Optional.ofNullable(Holder.TABLE.get(aaguid));
  }

  private static Map<UUID, AuthenticatorModel> load() {
    try (InputStream in = BundledModels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("KeyDesk is missing its resource " + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      JsonNode sources = root.path("sources");
      Map<UUID, AuthenticatorModel> table = new LinkedHashMap<>();
      for (JsonNode entry : root.path("models")) {
        UUID aaguid = Aaguids.parse(entry.path("aaguid").asText());
        String source = entry.path("source").asText();
        if (!sources.has(source)) {
          throw new IllegalStateException(
              RESOURCE + ": " + aaguid + " names the unknown source '" + source + "'");
        }
        Optional<String> vendor = Optional.ofNullable(entry.path("vendor").textValue());
        AuthenticatorModel model =
            AuthenticatorModel.bundled(aaguid, entry.path("name").asText(), vendor);
        if (table.put(aaguid, model) != null) {
          throw new IllegalStateException(RESOURCE + ": " + aaguid + " is listed twice");
        }
      }
      return Collections.unmodifiableMap(table);
    } catch (IOException e) {
      throw new UncheckedIOException("KeyDesk cannot read its resource " + RESOURCE, e);
    }
  }
}
