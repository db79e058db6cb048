package io.keydesk.app.desktop;

import io.keydesk.app.InfoSummary;
import java.util.List;
import java.util.Optional;

/**
 * What the device page shows at the top: the model, the headline facts of getInfo, and the full
 * summary (labelled lines and the JSON document).
 *
 * @param model the model from the AAGUID where known, else the product string (name())
 * @param versions FIDO_2_1, U2F_V2...
 * @param pinSet empty when the key has no PIN support
 * @param pinRetries tries left when a PIN is set
 * @param minPinLength the key's minimum PIN length in characters
 * @param remainingDiscoverable discoverable-credential slots left, when the key says
 * @param firmware the firmware version, when the key says
 * @param canWink whether CTAPHID_WINK is supported
 */
public record KeyOverview(
    KeyModel model,
    List<String> versions,
    List<String> options,
    List<String> extensions,
    Optional<Boolean> pinSet,
    Optional<Integer> pinRetries,
    int minPinLength,
    Optional<Integer> remainingDiscoverable,
    Optional<String> firmware,
    String aaguid,
    boolean canWink,
    List<InfoSummary.Line> lines,
    String json) {
  public KeyOverview {
    java.util.Objects.requireNonNull(model, "model");
    versions = List.copyOf(versions);
    options = List.copyOf(options);
    extensions = List.copyOf(extensions);
    lines = List.copyOf(lines);
  }

  /** "PIN set · 8 tries left", "No PIN", "No PIN support". */
  public String pinBadge() {
    if (pinSet.isEmpty()) {
      return "No PIN support";
    }
    if (!pinSet.get()) {
      return "No PIN set";
    }
    return pinRetries
        .map(r -> "PIN set · " + r + (r == 1 ? " try left" : " tries left"))
        .orElse("PIN set");
  }

  /** The newest FIDO version the key speaks, for the header ("FIDO 2.1"). */
  public String fidoVersion() {
    if (versions.contains("FIDO_2_2")) {
      return "FIDO 2.2";
    } else if (versions.contains("FIDO_2_1")) {
      return "FIDO 2.1";
    } else if (versions.contains("FIDO_2_1_PRE")) {
      return "FIDO 2.1 PRE";
    } else if (versions.contains("FIDO_2_0")) {
      return "FIDO 2.0";
    }
    return versions.contains("U2F_V2") ? "U2F" : String.join(", ", versions);
  }
}
