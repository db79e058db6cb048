package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * authenticatorGetInfo response (CTAP 2.1 section 6.4, with the CTAP 2.2 members 0x19..0x1D).
 *
 * <p>Members keep what the key sent, so {@link #toCbor()} reproduces it: an absent optional member
 * is {@code Optional.empty()}, and an absent array or map is empty (an empty one is omitted when
 * encoding). The spec's defaults for absent members come from the {@code ...OrDefault()} methods
 * and {@link #option(String)}. Members with keys KeyDesk does not know are kept in {@link
 * #extras()} and written back, so a newer key's getInfo survives a round trip.
 */
public record Info(
    List<String> versions,
    List<String> extensions,
    Bytes aaguid,
    Map<String, Boolean> options,
    Optional<Integer> maxMsgSize,
    List<Integer> pinUvAuthProtocols,
    Optional<Integer> maxCredentialCountInList,
    Optional<Integer> maxCredentialIdLength,
    List<String> transports,
    List<CredentialParameters> algorithms,
    Optional<Integer> maxSerializedLargeBlobArray,
    Optional<Boolean> forcePinChange,
    Optional<Integer> minPinLength,
    Optional<Long> firmwareVersion,
    Optional<Integer> maxCredBlobLength,
    Optional<Integer> maxRpIdsForSetMinPinLength,
    Optional<Integer> preferredPlatformUvAttempts,
    Optional<Long> uvModality,
    Map<String, Long> certifications,
    Optional<Integer> remainingDiscoverableCredentials,
    List<Long> vendorPrototypeConfigCommands,
    List<String> attestationFormats,
    Optional<Integer> uvCountSinceLastPinEntry,
    Optional<Boolean> longTouchForReset,
    Optional<Bytes> encIdentifier,
    List<String> transportsForReset,
    Optional<Boolean> pinComplexityPolicy,
    Optional<Bytes> pinComplexityPolicyUrl,
    Optional<Integer> maxPinLength,
    Map<Long, Object> extras) {

  public static final int VERSIONS = 0x01;
  public static final int EXTENSIONS = 0x02;
  public static final int AAGUID = 0x03;
  public static final int OPTIONS = 0x04;
  public static final int MAX_MSG_SIZE = 0x05;
  public static final int PIN_UV_AUTH_PROTOCOLS = 0x06;
  public static final int MAX_CREDENTIAL_COUNT_IN_LIST = 0x07;
  public static final int MAX_CREDENTIAL_ID_LENGTH = 0x08;
  public static final int TRANSPORTS = 0x09;
  public static final int ALGORITHMS = 0x0A;
  public static final int MAX_SERIALIZED_LARGE_BLOB_ARRAY = 0x0B;
  public static final int FORCE_PIN_CHANGE = 0x0C;
  public static final int MIN_PIN_LENGTH = 0x0D;
  public static final int FIRMWARE_VERSION = 0x0E;
  public static final int MAX_CRED_BLOB_LENGTH = 0x0F;
  public static final int MAX_RPIDS_FOR_SET_MIN_PIN_LENGTH = 0x10;
  public static final int PREFERRED_PLATFORM_UV_ATTEMPTS = 0x11;
  public static final int UV_MODALITY = 0x12;
  public static final int CERTIFICATIONS = 0x13;
  public static final int REMAINING_DISCOVERABLE_CREDENTIALS = 0x14;
  public static final int VENDOR_PROTOTYPE_CONFIG_COMMANDS = 0x15;
  public static final int ATTESTATION_FORMATS = 0x16;
  public static final int UV_COUNT_SINCE_LAST_PIN_ENTRY = 0x17;
  public static final int LONG_TOUCH_FOR_RESET = 0x18;
  public static final int ENC_IDENTIFIER = 0x19;
  public static final int TRANSPORTS_FOR_RESET = 0x1A;
  public static final int PIN_COMPLEXITY_POLICY = 0x1B;
  public static final int PIN_COMPLEXITY_POLICY_URL = 0x1C;
  public static final int MAX_PIN_LENGTH = 0x1D;

  public static final String U2F_V2 = "U2F_V2";
  public static final String FIDO_2_0 = "FIDO_2_0";
  public static final String FIDO_2_1_PRE = "FIDO_2_1_PRE";
  public static final String FIDO_2_1 = "FIDO_2_1";
  public static final String FIDO_2_2 = "FIDO_2_2";

  public static final String OPTION_PLAT = "plat";
  public static final String OPTION_RK = "rk";
  public static final String OPTION_CLIENT_PIN = "clientPin";
  public static final String OPTION_UP = "up";
  public static final String OPTION_UV = "uv";
  public static final String OPTION_PIN_UV_AUTH_TOKEN = "pinUvAuthToken";
  public static final String OPTION_NO_MC_GA_PERMISSIONS_WITH_CLIENT_PIN =
      "noMcGaPermissionsWithClientPin";
  public static final String OPTION_LARGE_BLOBS = "largeBlobs";
  public static final String OPTION_EP = "ep";
  public static final String OPTION_BIO_ENROLL = "bioEnroll";
  public static final String OPTION_USER_VERIFICATION_MGMT_PREVIEW = "userVerificationMgmtPreview";
  public static final String OPTION_UV_BIO_ENROLL = "uvBioEnroll";
  public static final String OPTION_AUTHNR_CFG = "authnrCfg";
  public static final String OPTION_UV_ACFG = "uvAcfg";
  public static final String OPTION_CRED_MGMT = "credMgmt";
  public static final String OPTION_CREDENTIAL_MGMT_PREVIEW = "credentialMgmtPreview";
  public static final String OPTION_SET_MIN_PIN_LENGTH = "setMinPINLength";
  public static final String OPTION_MAKE_CRED_UV_NOT_RQD = "makeCredUvNotRqd";
  public static final String OPTION_ALWAYS_UV = "alwaysUv";

  /** Section 6.4: maxMsgSize defaults to 1024 bytes. */
  public static final int DEFAULT_MAX_MSG_SIZE = 1024;

  /** Section 6.4: minPINLength defaults to 4 Unicode code points. */
  public static final int DEFAULT_MIN_PIN_LENGTH = 4;

  /** CTAP 2.2 section 6.4: maxPINLength defaults to 63 bytes. */
  public static final int DEFAULT_MAX_PIN_LENGTH = 63;

  /** CTAP 2.2 section 6.4: attestationFormats defaults to ["packed"]. */
  public static final List<String> DEFAULT_ATTESTATION_FORMATS = List.of("packed");

  public static final int AAGUID_LENGTH = 16;

  /**
   * Section 6.4 options that have a default when absent. Options missing here (clientPin, uv,
   * bioEnroll, largeBlobs, ep, alwaysUv, userVerificationMgmtPreview) mean "not supported" when
   * absent, which {@link #option(String)} reports as empty.
   */
  private static final Map<String, Boolean> OPTION_DEFAULTS =
      Map.ofEntries(
          Map.entry(OPTION_PLAT, false),
          Map.entry(OPTION_RK, false),
          Map.entry(OPTION_UP, true),
          Map.entry(OPTION_PIN_UV_AUTH_TOKEN, false),
          Map.entry(OPTION_NO_MC_GA_PERMISSIONS_WITH_CLIENT_PIN, false),
          Map.entry(OPTION_UV_BIO_ENROLL, false),
          Map.entry(OPTION_AUTHNR_CFG, false),
          Map.entry(OPTION_UV_ACFG, false),
          Map.entry(OPTION_CRED_MGMT, false),
          Map.entry(OPTION_CREDENTIAL_MGMT_PREVIEW, false),
          Map.entry(OPTION_SET_MIN_PIN_LENGTH, false),
          Map.entry(OPTION_MAKE_CRED_UV_NOT_RQD, false));

  public Info {
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("versions is empty");
    }
    extensions = List.copyOf(extensions);
    Objects.requireNonNull(aaguid, "aaguid");
    if (aaguid.length() != AAGUID_LENGTH) {
      throw new IllegalArgumentException(
          "aaguid must be " + AAGUID_LENGTH + " bytes but is " + aaguid.length());
    }
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    Objects.requireNonNull(maxMsgSize, "maxMsgSize");
    pinUvAuthProtocols = List.copyOf(pinUvAuthProtocols);
    Objects.requireNonNull(maxCredentialCountInList, "maxCredentialCountInList");
    Objects.requireNonNull(maxCredentialIdLength, "maxCredentialIdLength");
    transports = List.copyOf(transports);
    algorithms = List.copyOf(algorithms);
    Objects.requireNonNull(maxSerializedLargeBlobArray, "maxSerializedLargeBlobArray");
    Objects.requireNonNull(forcePinChange, "forcePinChange");
    Objects.requireNonNull(minPinLength, "minPinLength");
    Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    Objects.requireNonNull(maxCredBlobLength, "maxCredBlobLength");
    Objects.requireNonNull(maxRpIdsForSetMinPinLength, "maxRpIdsForSetMinPinLength");
    Objects.requireNonNull(preferredPlatformUvAttempts, "preferredPlatformUvAttempts");
    Objects.requireNonNull(uvModality, "uvModality");
    certifications = Collections.unmodifiableMap(new LinkedHashMap<>(certifications));
    Objects.requireNonNull(remainingDiscoverableCredentials, "remainingDiscoverableCredentials");
    vendorPrototypeConfigCommands = List.copyOf(vendorPrototypeConfigCommands);
    attestationFormats = List.copyOf(attestationFormats);
    Objects.requireNonNull(uvCountSinceLastPinEntry, "uvCountSinceLastPinEntry");
    Objects.requireNonNull(longTouchForReset, "longTouchForReset");
    Objects.requireNonNull(encIdentifier, "encIdentifier");
    transportsForReset = List.copyOf(transportsForReset);
    Objects.requireNonNull(pinComplexityPolicy, "pinComplexityPolicy");
    Objects.requireNonNull(pinComplexityPolicyUrl, "pinComplexityPolicyUrl");
    Objects.requireNonNull(maxPinLength, "maxPinLength");
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    for (Long key : extras.keySet()) {
      if (key >= VERSIONS && key <= MAX_PIN_LENGTH) {
        throw new IllegalArgumentException("extra member " + key + " is a known getInfo member");
      }
    }
  }

  /** A builder with the two required members; everything else starts absent. */
  public static Builder builder(List<String> versions, Bytes aaguid) {
    return new Builder(versions, aaguid);
  }

  /** True when {@code version} (such as {@link #FIDO_2_1}) is listed in versions. */
  public boolean supportsVersion(String version) {
    return versions.contains(version);
  }

  public boolean supportsExtension(String extension) {
    return extensions.contains(extension);
  }

  /**
   * An option's value (section 6.4): the key's, or the spec default when absent, or empty when the
   * option is absent and absence means "not supported" (clientPin, uv, bioEnroll, ep, ...).
   */
  public Optional<Boolean> option(String name) {
    Boolean value = options.get(name);
    return value != null ? Optional.of(value) : Optional.ofNullable(OPTION_DEFAULTS.get(name));
  }

  /** True when the option is present and true (or absent with a default of true, like up). */
  public boolean isOptionEnabled(String name) {
    return option(name).orElse(false);
  }

  /** clientPin: empty when the key has no PIN support, else whether a PIN is set. */
  public Optional<Boolean> isPinSet() {
    return option(OPTION_CLIENT_PIN);
  }

  /** uv: empty when the key cannot verify users itself, else whether UV is configured. */
  public Optional<Boolean> isUvConfigured() {
    return option(OPTION_UV);
  }

  public int maxMsgSizeOrDefault() {
    return maxMsgSize.orElse(DEFAULT_MAX_MSG_SIZE);
  }

  public int minPinLengthOrDefault() {
    return minPinLength.orElse(DEFAULT_MIN_PIN_LENGTH);
  }

  public int maxPinLengthOrDefault() {
    return maxPinLength.orElse(DEFAULT_MAX_PIN_LENGTH);
  }

  public boolean forcePinChangeOrDefault() {
    return forcePinChange.orElse(false);
  }

  public boolean longTouchForResetOrDefault() {
    return longTouchForReset.orElse(false);
  }

  public List<String> attestationFormatsOrDefault() {
    return attestationFormats.isEmpty() ? DEFAULT_ATTESTATION_FORMATS : attestationFormats;
  }

  public CborMap toCbor() {
    CborMap.Builder builder = CborMap.builder().put(VERSIONS, versions);
    CtapCbor.putList(builder, EXTENSIONS, extensions);
    builder.put(AAGUID, aaguid);
    if (!options.isEmpty()) {
      builder.put(OPTIONS, options);
    }
    putInt(builder, MAX_MSG_SIZE, maxMsgSize);
    CtapCbor.putList(
        builder,
        PIN_UV_AUTH_PROTOCOLS,
        pinUvAuthProtocols.stream().map(Integer::longValue).toList());
    putInt(builder, MAX_CREDENTIAL_COUNT_IN_LIST, maxCredentialCountInList);
    putInt(builder, MAX_CREDENTIAL_ID_LENGTH, maxCredentialIdLength);
    CtapCbor.putList(builder, TRANSPORTS, transports);
    CtapCbor.putList(
        builder, ALGORITHMS, algorithms.stream().map(CredentialParameters::toCbor).toList());
    putInt(builder, MAX_SERIALIZED_LARGE_BLOB_ARRAY, maxSerializedLargeBlobArray);
    builder.putIfPresent(FORCE_PIN_CHANGE, forcePinChange);
    putInt(builder, MIN_PIN_LENGTH, minPinLength);
    builder.putIfPresent(FIRMWARE_VERSION, firmwareVersion);
    putInt(builder, MAX_CRED_BLOB_LENGTH, maxCredBlobLength);
    putInt(builder, MAX_RPIDS_FOR_SET_MIN_PIN_LENGTH, maxRpIdsForSetMinPinLength);
    putInt(builder, PREFERRED_PLATFORM_UV_ATTEMPTS, preferredPlatformUvAttempts);
    builder.putIfPresent(UV_MODALITY, uvModality);
    if (!certifications.isEmpty()) {
      builder.put(CERTIFICATIONS, certifications);
    }
    putInt(builder, REMAINING_DISCOVERABLE_CREDENTIALS, remainingDiscoverableCredentials);
    CtapCbor.putList(builder, VENDOR_PROTOTYPE_CONFIG_COMMANDS, vendorPrototypeConfigCommands);
    CtapCbor.putList(builder, ATTESTATION_FORMATS, attestationFormats);
    putInt(builder, UV_COUNT_SINCE_LAST_PIN_ENTRY, uvCountSinceLastPinEntry);
    builder.putIfPresent(LONG_TOUCH_FOR_RESET, longTouchForReset);
    builder.putIfPresent(ENC_IDENTIFIER, encIdentifier);
    CtapCbor.putList(builder, TRANSPORTS_FOR_RESET, transportsForReset);
    builder.putIfPresent(PIN_COMPLEXITY_POLICY, pinComplexityPolicy);
    builder.putIfPresent(PIN_COMPLEXITY_POLICY_URL, pinComplexityPolicyUrl);
    putInt(builder, MAX_PIN_LENGTH, maxPinLength);
    extras.forEach(builder::put);
    return builder.build();
  }

  private static void putInt(CborMap.Builder builder, int key, Optional<Integer> value) {
    builder.putIfPresent(key, value.map(Integer::longValue));
  }

  /**
   * Reads a getInfo response. versions and aaguid are required; a known member of the wrong type is
   * an error; members with unknown integer keys go to {@link #extras()}.
   */
  public static Info fromCbor(CborMap map) throws CborException {
    Map<Long, Object> extras = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> entry : map.asMap().entrySet()) {
      if (!(entry.getKey() instanceof Long key)) {
        throw new CborException(
            "getInfo member keys must be integers but one is " + entry.getKey());
      }
      if (key < VERSIONS || key > MAX_PIN_LENGTH) {
        extras.put(key, entry.getValue());
      }
    }
    Builder builder =
        builder(CtapCbor.textList(map, VERSIONS), CtapCbor.fixedBytes(map, AAGUID, AAGUID_LENGTH))
            .extensions(CtapCbor.optTextList(map, EXTENSIONS))
            .pinUvAuthProtocols(CtapCbor.optUintList(map, PIN_UV_AUTH_PROTOCOLS))
            .transports(CtapCbor.optTextList(map, TRANSPORTS))
            .algorithms(CtapCbor.optMapList(map, ALGORITHMS, CredentialParameters::fromCbor))
            .vendorPrototypeConfigCommands(
                CtapCbor.optLongList(map, VENDOR_PROTOTYPE_CONFIG_COMMANDS))
            .attestationFormats(CtapCbor.optTextList(map, ATTESTATION_FORMATS))
            .transportsForReset(CtapCbor.optTextList(map, TRANSPORTS_FOR_RESET))
            .extras(extras);
    if (map.has(OPTIONS)) {
      builder.options(CtapCbor.booleanMap(map, OPTIONS));
    }
    if (map.has(CERTIFICATIONS)) {
      builder.certifications(CtapCbor.longMap(map, CERTIFICATIONS));
    }
    builder.maxMsgSize = CtapCbor.optUint(map, MAX_MSG_SIZE);
    builder.maxCredentialCountInList = CtapCbor.optUint(map, MAX_CREDENTIAL_COUNT_IN_LIST);
    builder.maxCredentialIdLength = CtapCbor.optUint(map, MAX_CREDENTIAL_ID_LENGTH);
    builder.maxSerializedLargeBlobArray = CtapCbor.optUint(map, MAX_SERIALIZED_LARGE_BLOB_ARRAY);
    builder.forcePinChange = map.optBoolean(FORCE_PIN_CHANGE);
    builder.minPinLength = CtapCbor.optUint(map, MIN_PIN_LENGTH);
    builder.firmwareVersion = CtapCbor.optUlong(map, FIRMWARE_VERSION);
    builder.maxCredBlobLength = CtapCbor.optUint(map, MAX_CRED_BLOB_LENGTH);
    builder.maxRpIdsForSetMinPinLength = CtapCbor.optUint(map, MAX_RPIDS_FOR_SET_MIN_PIN_LENGTH);
    builder.preferredPlatformUvAttempts = CtapCbor.optUint(map, PREFERRED_PLATFORM_UV_ATTEMPTS);
    builder.uvModality = CtapCbor.optUlong(map, UV_MODALITY);
    builder.remainingDiscoverableCredentials =
        CtapCbor.optUint(map, REMAINING_DISCOVERABLE_CREDENTIALS);
    builder.uvCountSinceLastPinEntry = CtapCbor.optUint(map, UV_COUNT_SINCE_LAST_PIN_ENTRY);
    builder.longTouchForReset = map.optBoolean(LONG_TOUCH_FOR_RESET);
    builder.encIdentifier = map.optBytes(ENC_IDENTIFIER);
    builder.pinComplexityPolicy = map.optBoolean(PIN_COMPLEXITY_POLICY);
    builder.pinComplexityPolicyUrl = map.optBytes(PIN_COMPLEXITY_POLICY_URL);
    builder.maxPinLength = CtapCbor.optUint(map, MAX_PIN_LENGTH);
    return CtapCbor.build("getInfo", builder::build);
  }

  /** Builds an Info, as the software authenticator does; members start absent. */
  public static final class Builder {
    private final List<String> versions;
    private final Bytes aaguid;
    private List<String> extensions = List.of();
    private Map<String, Boolean> options = Map.of();
    private Optional<Integer> maxMsgSize = Optional.empty();
    private List<Integer> pinUvAuthProtocols = List.of();
    private Optional<Integer> maxCredentialCountInList = Optional.empty();
    private Optional<Integer> maxCredentialIdLength = Optional.empty();
    private List<String> transports = List.of();
    private List<CredentialParameters> algorithms = List.of();
    private Optional<Integer> maxSerializedLargeBlobArray = Optional.empty();
    private Optional<Boolean> forcePinChange = Optional.empty();
    private Optional<Integer> minPinLength = Optional.empty();
    private Optional<Long> firmwareVersion = Optional.empty();
    private Optional<Integer> maxCredBlobLength = Optional.empty();
    private Optional<Integer> maxRpIdsForSetMinPinLength = Optional.empty();
    private Optional<Integer> preferredPlatformUvAttempts = Optional.empty();
    private Optional<Long> uvModality = Optional.empty();
    private Map<String, Long> certifications = Map.of();
    private Optional<Integer> remainingDiscoverableCredentials = Optional.empty();
    private List<Long> vendorPrototypeConfigCommands = List.of();
    private List<String> attestationFormats = List.of();
    private Optional<Integer> uvCountSinceLastPinEntry = Optional.empty();
    private Optional<Boolean> longTouchForReset = Optional.empty();
    private Optional<Bytes> encIdentifier = Optional.empty();
    private List<String> transportsForReset = List.of();
    private Optional<Boolean> pinComplexityPolicy = Optional.empty();
    private Optional<Bytes> pinComplexityPolicyUrl = Optional.empty();
    private Optional<Integer> maxPinLength = Optional.empty();
    private Map<Long, Object> extras = Map.of();

    private Builder(List<String> versions, Bytes aaguid) {
      this.versions = versions;
      this.aaguid = aaguid;
    }

    public Builder extensions(List<String> value) {
      extensions = value;
      return this;
    }

    public Builder options(Map<String, Boolean> value) {
      options = value;
      return this;
    }

    public Builder maxMsgSize(int value) {
      maxMsgSize = Optional.of(value);
      return this;
    }

    public Builder pinUvAuthProtocols(List<Integer> value) {
      pinUvAuthProtocols = value;
      return this;
    }

    public Builder maxCredentialCountInList(int value) {
      maxCredentialCountInList = Optional.of(value);
      return this;
    }

    public Builder maxCredentialIdLength(int value) {
      maxCredentialIdLength = Optional.of(value);
      return this;
    }

    public Builder transports(List<String> value) {
      transports = value;
      return this;
    }

    public Builder algorithms(List<CredentialParameters> value) {
      algorithms = value;
      return this;
    }

    public Builder maxSerializedLargeBlobArray(int value) {
      maxSerializedLargeBlobArray = Optional.of(value);
      return this;
    }

    public Builder forcePinChange(boolean value) {
      forcePinChange = Optional.of(value);
      return this;
    }

    public Builder minPinLength(int value) {
      minPinLength = Optional.of(value);
      return this;
    }

    public Builder firmwareVersion(long value) {
      firmwareVersion = Optional.of(value);
      return this;
    }

    public Builder maxCredBlobLength(int value) {
      maxCredBlobLength = Optional.of(value);
      return this;
    }

    public Builder maxRpIdsForSetMinPinLength(int value) {
      maxRpIdsForSetMinPinLength = Optional.of(value);
      return this;
    }

    public Builder preferredPlatformUvAttempts(int value) {
      preferredPlatformUvAttempts = Optional.of(value);
      return this;
    }

    public Builder uvModality(long value) {
      uvModality = Optional.of(value);
      return this;
    }

    public Builder certifications(Map<String, Long> value) {
      certifications = value;
      return this;
    }

    public Builder remainingDiscoverableCredentials(int value) {
      remainingDiscoverableCredentials = Optional.of(value);
      return this;
    }

    public Builder vendorPrototypeConfigCommands(List<Long> value) {
      vendorPrototypeConfigCommands = value;
      return this;
    }

    public Builder attestationFormats(List<String> value) {
      attestationFormats = value;
      return this;
    }

    public Builder uvCountSinceLastPinEntry(int value) {
      uvCountSinceLastPinEntry = Optional.of(value);
      return this;
    }

    public Builder longTouchForReset(boolean value) {
      longTouchForReset = Optional.of(value);
      return this;
    }

    public Builder encIdentifier(Bytes value) {
      encIdentifier = Optional.of(value);
      return this;
    }

    public Builder transportsForReset(List<String> value) {
      transportsForReset = value;
      return this;
    }

    public Builder pinComplexityPolicy(boolean value) {
      pinComplexityPolicy = Optional.of(value);
      return this;
    }

    public Builder pinComplexityPolicyUrl(Bytes value) {
      pinComplexityPolicyUrl = Optional.of(value);
      return this;
    }

    public Builder maxPinLength(int value) {
      maxPinLength = Optional.of(value);
      return this;
    }

    /** Members with keys outside 0x01..0x1D, kept verbatim. */
    public Builder extras(Map<Long, Object> value) {
      extras = value;
      return this;
    }

    public Info build() {
      return new Info(
          versions,
          extensions,
          aaguid,
          options,
          maxMsgSize,
          pinUvAuthProtocols,
          maxCredentialCountInList,
          maxCredentialIdLength,
          transports,
          algorithms,
          maxSerializedLargeBlobArray,
          forcePinChange,
          minPinLength,
          firmwareVersion,
          maxCredBlobLength,
          maxRpIdsForSetMinPinLength,
          preferredPlatformUvAttempts,
          uvModality,
          certifications,
          remainingDiscoverableCredentials,
          vendorPrototypeConfigCommands,
          attestationFormats,
          uvCountSinceLastPinEntry,
          longTouchForReset,
          encIdentifier,
          transportsForReset,
          pinComplexityPolicy,
          pinComplexityPolicyUrl,
          maxPinLength,
          extras);
    }
  }
}
