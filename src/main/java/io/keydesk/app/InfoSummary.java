package io.keydesk.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinRetries;
import io.keydesk.mds.Aaguids;
import io.keydesk.mds.AuthenticatorModel;
import io.keydesk.mds.AuthenticatorModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Everything a key's getInfo says (CTAP 2.1 section 6.4, CTAP 2.2 members included), plus its PIN
 * retries, as labelled lines for people and as a JSON-able map for scripts.
 */
public record InfoSummary(List<Line> lines, Map<String, Object> json) {
  /** Retries at or below this are worth a warning before the user types a PIN. */
  public static final int LOW_RETRIES = 3;

  /** One labelled line of the readable summary. */
  public record Line(String label, String value) {}

  public InfoSummary {
    lines = List.copyOf(lines);
    json = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(json));
  }

  /**
   * @param device how the key is reached (for the first line)
   * @param retries the key's PIN retries when it has a PIN (empty otherwise)
   */
  public static InfoSummary of(String device, Info info, Optional<PinRetries> retries) {
    return of(device, info, retries, AuthenticatorModels.bundledOnly());
  }

  /**
   * @param device how the key is reached (for the first line)
   * @param retries the key's PIN retries when it has a PIN (empty otherwise)
   * @param models names the key's model from its AAGUID (imported FIDO metadata, bundled table)
   */
  public static InfoSummary of(
      String device, Info info, Optional<PinRetries> retries, AuthenticatorModels models) {
    UUID aaguid = uuid(info.aaguid());
    Optional<AuthenticatorModel> model = models.lookup(aaguid);
    List<Line> lines = new ArrayList<>();
    lines.add(new Line("Device", device));
    lines.add(new Line("Versions", String.join(", ", info.versions())));
    lines.add(new Line("AAGUID", aaguid.toString()));
    lines.add(new Line("Model", model(aaguid, model)));
    info.firmwareVersion().ifPresent(v -> lines.add(new Line("Firmware", firmware(v))));
    lines.add(new Line("PIN", pin(info, retries)));
    lines.add(new Line("Built-in UV", uv(info)));
    lines.add(new Line("Discoverable credentials", discoverable(info)));
    lines.add(new Line("Algorithms", algorithms(info.algorithms())));
    lines.add(new Line("Extensions", listOrNone(info.extensions())));
    lines.add(new Line("Options", options(info.options())));
    lines.add(new Line("PIN/UV protocols", listOrNone(info.pinUvAuthProtocols())));
    lines.add(new Line("Transports", listOrNone(info.transports())));
    lines.add(
        new Line(
            "Max message size",
            info.maxMsgSizeOrDefault()
                + " bytes"
                + (info.maxMsgSize().isEmpty() ? " (default; not reported)" : "")));
    info.maxCredentialCountInList()
        .ifPresent(v -> lines.add(new Line("Max credentials in a list", v.toString())));
    info.maxCredentialIdLength()
        .ifPresent(v -> lines.add(new Line("Max credential ID length", v + " bytes")));
    info.maxCredBlobLength()
        .ifPresent(v -> lines.add(new Line("Max credBlob length", v + " bytes")));
    info.maxSerializedLargeBlobArray()
        .ifPresent(v -> lines.add(new Line("Large blob storage", v + " bytes")));
    info.maxRpIdsForSetMinPinLength()
        .ifPresent(v -> lines.add(new Line("Max RP IDs for minPINLength", v.toString())));
    info.preferredPlatformUvAttempts()
        .ifPresent(v -> lines.add(new Line("Preferred platform UV attempts", v.toString())));
    info.uvModality().ifPresent(v -> lines.add(new Line("UV modality", String.format("0x%x", v))));
    if (!info.certifications().isEmpty()) {
      lines.add(
          new Line(
              "Certifications",
              info.certifications().entrySet().stream()
                  .map(e -> e.getKey() + " level " + e.getValue())
                  .collect(Collectors.joining(", "))));
    }
    lines.add(
        new Line("Attestation formats", String.join(", ", info.attestationFormatsOrDefault())));
    info.uvCountSinceLastPinEntry()
        .ifPresent(v -> lines.add(new Line("UV since last PIN", v.toString())));
    info.longTouchForReset()
        .filter(Boolean::booleanValue)
        .ifPresent(v -> lines.add(new Line("Reset", "needs a long touch")));
    if (!info.transportsForReset().isEmpty()) {
      lines.add(new Line("Reset over", String.join(", ", info.transportsForReset())));
    }
    if (!info.vendorPrototypeConfigCommands().isEmpty()) {
      lines.add(
          new Line("Vendor config commands", listOrNone(info.vendorPrototypeConfigCommands())));
    }
    if (!info.extras().isEmpty()) {
      lines.add(
          new Line(
              "Unknown members",
              info.extras().keySet().stream()
                  .map(k -> String.format("0x%02x", k))
                  .collect(Collectors.joining(", "))));
    }
    return new InfoSummary(lines, json(device, info, retries, model));
  }

  static String model(UUID aaguid, Optional<AuthenticatorModel> model) {
    if (model.isPresent()) {
      return model.get().describe();
    }
    if (aaguid.equals(Aaguids.ZERO)) {
      return "not reported (all-zero AAGUID)";
    }
    return "unknown; 'keydesk mds import FILE' adds the FIDO Metadata Service's models";
  }

  private static Map<String, Object> modelJson(AuthenticatorModel model) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", model.name());
    model.vendor().ifPresent(v -> json.put("vendor", v));
    json.put("source", model.source().label());
    model.certification().ifPresent(c -> json.put("certification", c));
    model.status().ifPresent(s -> json.put("status", s));
    return json;
  }

  /** The readable summary: one "Label: value" line each, labels aligned. */
  public String toText() {
    int width = lines.stream().mapToInt(l -> l.label().length()).max().orElse(0) + 1;
    StringBuilder out = new StringBuilder();
    for (Line line : lines) {
      out.append(
          String.format(Locale.ROOT, "%-" + width + "s %s%n", line.label() + ":", line.value()));
    }
    return out.toString();
  }

  /** The JSON document, indented. */
  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("getInfo summary is not serialisable", e);
    }
  }

  static UUID uuid(Bytes aaguid) {
    return Aaguids.fromBytes(aaguid.toArray());
  }

  static String firmware(long version) {
    return version + String.format(" (0x%08x)", version);
  }

  static String pin(Info info, Optional<PinRetries> retries) {
    return pin(info, retries, PinHints.CLI);
  }

  /**
   * Where the PIN line sends the user to set or change the PIN: the CLI names its commands, the
   * desktop app its buttons.
   *
   * @param set what sets a PIN ("set one with " + this)
   * @param change what changes it, when the key requires a change (forcePINChange, CTAP 2.1
   *     section 6.4)
   */
  public record PinHints(String set, String change) {
    /** The CLI's commands. */
    public static final PinHints CLI = new PinHints("'keydesk pin set'", "'keydesk pin change'");

    public PinHints {
      java.util.Objects.requireNonNull(set, "set");
      java.util.Objects.requireNonNull(change, "change");
    }
  }

  /** The value of the "PIN" line, pointing to {@code hints} instead of the CLI's commands. */
  public static String pin(Info info, Optional<PinRetries> retries, PinHints hints) {
    Optional<Boolean> set = info.isPinSet();
    if (set.isEmpty()) {
      return "not supported";
    }
    String minimum = "minimum length " + info.minPinLengthOrDefault();
    if (!set.get()) {
      return "not set (" + minimum + "); set one with " + hints.set();
    }
    StringBuilder text = new StringBuilder("set");
    retries.ifPresent(r -> text.append(", ").append(retriesText(r.retries())));
    text.append(" (").append(minimum).append(")");
    if (info.forcePinChangeOrDefault()) {
      text.append("; the key requires a PIN change (").append(hints.change()).append(")");
    }
    retries
        .filter(PinRetries::needsReinsertion)
        .ifPresent(r -> text.append("; remove and re-insert the key before the next PIN attempt"));
    return text.toString();
  }

  static String retriesText(int retries) {
    if (retries == 0) {
      return "blocked (no tries left: only a reset unblocks it, erasing every credential)";
    }
    return retries + (retries == 1 ? " try left" : " tries left");
  }

  private static String uv(Info info) {
    Optional<Boolean> uv = info.isUvConfigured();
    if (uv.isEmpty()) {
      return "none";
    }
    return uv.get() ? "configured" : "supported, not configured";
  }

  private static String discoverable(Info info) {
    if (!info.isOptionEnabled(Info.OPTION_RK)) {
      return "not supported";
    }
    return info.remainingDiscoverableCredentials()
        .map(n -> "supported, " + n + (n == 1 ? " slot" : " slots") + " left")
        .orElse("supported (free slots not reported)");
  }

  static String algorithms(List<CredentialParameters> algorithms) {
    if (algorithms.isEmpty()) {
      return "not reported (ES256 assumed)";
    }
    return algorithms.stream().map(InfoSummary::algorithm).collect(Collectors.joining(", "));
  }

  private static String algorithm(CredentialParameters p) {
    String name = algorithmName(p.alg());
    String text = name.isEmpty() ? Long.toString(p.alg()) : name + " (" + p.alg() + ")";
    return p.type().equals("public-key") ? text : p.type() + " " + text;
  }

  /** The COSE name of the algorithms FIDO keys use, empty for others. */
  public static String algorithmName(long alg) {
    return switch ((int) alg) {
      case -7 -> "ES256";
      case -8 -> "EdDSA";
      case -35 -> "ES384";
      case -36 -> "ES512";
      case -37 -> "PS256";
      case -257 -> "RS256";
      default -> "";
    };
  }

  private static String options(Map<String, Boolean> options) {
    if (options.isEmpty()) {
      return "none reported (defaults apply)";
    }
    return options.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String listOrNone(List<?> values) {
    return values.isEmpty()
        ? "none"
        : values.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  private static Map<String, Object> json(
      String device, Info info, Optional<PinRetries> retries, Optional<AuthenticatorModel> model) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("device", device);
    json.put("versions", info.versions());
    json.put("extensions", info.extensions());
    json.put("aaguid", uuid(info.aaguid()).toString());
    model.ifPresent(m -> json.put("model", modelJson(m)));
    json.put("options", info.options());
    json.put("maxMsgSize", info.maxMsgSizeOrDefault());
    json.put("pinUvAuthProtocols", info.pinUvAuthProtocols());
    info.maxCredentialCountInList().ifPresent(v -> json.put("maxCredentialCountInList", v));
    info.maxCredentialIdLength().ifPresent(v -> json.put("maxCredentialIdLength", v));
    json.put("transports", info.transports());
    List<Map<String, Object>> algorithms = new ArrayList<>();
    for (CredentialParameters p : info.algorithms()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", p.type());
      entry.put("alg", p.alg());
      String name = algorithmName(p.alg());
      if (!name.isEmpty()) {
        entry.put("name", name);
      }
      algorithms.add(entry);
    }
    json.put("algorithms", algorithms);
    info.maxSerializedLargeBlobArray().ifPresent(v -> json.put("maxSerializedLargeBlobArray", v));
    json.put("forcePINChange", info.forcePinChangeOrDefault());
    json.put("minPINLength", info.minPinLengthOrDefault());
    info.firmwareVersion().ifPresent(v -> json.put("firmwareVersion", v));
    info.maxCredBlobLength().ifPresent(v -> json.put("maxCredBlobLength", v));
    info.maxRpIdsForSetMinPinLength().ifPresent(v -> json.put("maxRPIDsForSetMinPINLength", v));
    info.preferredPlatformUvAttempts().ifPresent(v -> json.put("preferredPlatformUvAttempts", v));
    info.uvModality().ifPresent(v -> json.put("uvModality", v));
    if (!info.certifications().isEmpty()) {
      json.put("certifications", info.certifications());
    }
    info.remainingDiscoverableCredentials()
        .ifPresent(v -> json.put("remainingDiscoverableCredentials", v));
    if (!info.vendorPrototypeConfigCommands().isEmpty()) {
      json.put("vendorPrototypeConfigCommands", info.vendorPrototypeConfigCommands());
    }
    json.put("attestationFormats", info.attestationFormatsOrDefault());
    info.uvCountSinceLastPinEntry().ifPresent(v -> json.put("uvCountSinceLastPinEntry", v));
    info.longTouchForReset().ifPresent(v -> json.put("longTouchForReset", v));
    info.encIdentifier().ifPresent(v -> json.put("encIdentifier", v.base64Url()));
    if (!info.transportsForReset().isEmpty()) {
      json.put("transportsForReset", info.transportsForReset());
    }
    info.pinComplexityPolicy().ifPresent(v -> json.put("pinComplexityPolicy", v));
    info.pinComplexityPolicyUrl().ifPresent(v -> json.put("pinComplexityPolicyURL", v.base64Url()));
    json.put("maxPINLength", info.maxPinLengthOrDefault());
    if (!info.extras().isEmpty()) {
      Map<String, Object> extras = new LinkedHashMap<>();
      info.extras().forEach((k, v) -> extras.put(Long.toString(k), String.valueOf(v)));
      json.put("unknownMembers", extras);
    }
    Map<String, Object> pin = new LinkedHashMap<>();
    pin.put("supported", info.isPinSet().isPresent());
    pin.put("set", info.isPinSet().orElse(false));
    retries.ifPresent(
        r -> {
          pin.put("retries", r.retries());
          r.powerCycleState().ifPresent(p -> pin.put("powerCycleState", p));
        });
    json.put("pin", pin);
    return json;
  }
}
