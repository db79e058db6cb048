package io.keydesk.mds;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What KeyDesk knows about an authenticator model, found by its AAGUID.
 *
 * @param aaguid the model's AAGUID
 * @param name the model's name (MDS3 {@code metadataStatement.description}), e.g. "YubiKey 5 Series
 *     with NFC"
 * @param vendor the maker, when known (the MDS has no such member: it comes from the bundled table)
 * @param icon a {@code data:} URL of the model's icon (MDS3 {@code metadataStatement.icon})
 * @param certification the FIDO certification of the latest certification status report, e.g.
 *     "FIDO_CERTIFIED_L2" (FIDO MDS 3.0 section 3.1.4, AuthenticatorStatus)
 * @param status the latest status report's status, e.g. "FIDO_CERTIFIED_L1" or "REVOKED"
 * @param source where this came from
 */
public record AuthenticatorModel(
    UUID aaguid,
    String name,
    Optional<String> vendor,
    Optional<String> icon,
    Optional<String> certification,
    Optional<String> status,
    Source source) {

  /** Where a model's description came from. */
  public enum Source {
    /** The small table shipped inside KeyDesk (see {@link BundledModels}). */
    BUNDLED("bundled"),
    /** A FIDO Metadata Service (MDS3) BLOB the user imported and KeyDesk verified. */
    MDS("mds");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    /** The short lower-case label used in JSON and the CLI. */
    public String label() {
      return label;
    }
  }

  /**
   * Statuses that mean the model must not be trusted (FIDO MDS 3.0 section 3.1.4): a client should
   * warn the user.
   */
  private static final Set<String> COMPROMISED =
      Set.of(
          "USER_VERIFICATION_BYPASS",
          "ATTESTATION_KEY_COMPROMISE",
          "USER_KEY_REMOTE_COMPROMISE",
          "USER_KEY_PHYSICAL_COMPROMISE",
          "REVOKED");

  private static final String CERTIFIED_PREFIX = "FIDO_CERTIFIED_";

  public AuthenticatorModel {
    Objects.requireNonNull(aaguid, "aaguid");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(icon, "icon");
    Objects.requireNonNull(certification, "certification");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an authenticator model needs a name");
    }
    name = name.strip();
    vendor = vendor.map(String::strip).filter(v -> !v.isEmpty());
    icon.ifPresent(
        i -> {
          if (!i.startsWith("data:")) {
            throw new IllegalArgumentException("an icon must be a data: URL");
          }
        });
  }

  /** A model of the bundled table: a name and a vendor, nothing else. */
  public static AuthenticatorModel bundled(UUID aaguid, String name, Optional<String> vendor) {
    return new AuthenticatorModel(
        aaguid, name, vendor, Optional.empty(), Optional.empty(), Optional.empty(), Source.BUNDLED);
  }

  /** True when the latest status report says the model is compromised or revoked. */
  public boolean isCompromised() {
    return status.filter(COMPROMISED::contains).isPresent();
  }

  /** This model with the vendor filled in when it has none. */
  AuthenticatorModel withVendorIfAbsent(Optional<String> fallback) {
    if (vendor.isPresent() || fallback.isEmpty()) {
      return this;
    }
    return new AuthenticatorModel(aaguid, name, fallback, icon, certification, status, source);
  }

  /**
   * One line for people: the name, then the certification and a warning when the FIDO Alliance
   * reported the model compromised. E.g. "YubiKey 5 Series with NFC (FIDO certified L1)".
   */
  public String describe() {
    StringBuilder text = new StringBuilder(name);
    certificationText().ifPresent(c -> text.append(" (").append(c).append(")"));
    if (isCompromised()) {
      text.append("; WARNING: the FIDO Alliance reports ")
          .append(status.get())
          .append(" for this model");
    }
    return text.toString();
  }

  /** The certification for people: "FIDO_CERTIFIED_L1plus" reads "FIDO certified L1+". */
  public Optional<String> certificationText() {
    return certification.map(
        c -> {
          String level =
              c.startsWith(CERTIFIED_PREFIX) ? c.substring(CERTIFIED_PREFIX.length()) : "";
          level = level.replace("plus", "+");
          return level.isEmpty() ? "FIDO certified" : "FIDO certified " + level;
        });
  }
}
