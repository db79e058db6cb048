package io.keydesk.mds;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AAGUID to authenticator model: the imported FIDO MDS3 entries first (while the BLOB is valid),
 * then the bundled table ({@link BundledModels}). Immutable; build one per use or share it.
 */
public final class AuthenticatorModels {
  private static final Logger LOG = LoggerFactory.getLogger(AuthenticatorModels.class);

  private final Map<UUID, AuthenticatorModel> mds;
  private final Optional<MdsBlob> metadata;
  private final Optional<String> notice;

  private AuthenticatorModels(Optional<MdsBlob> metadata, Optional<String> notice) {
    this.metadata = metadata;
    this.notice = notice;
    this.mds =
        metadata
            .map(
                blob ->
                    blob.models().stream()
                        .collect(
                            Collectors.toUnmodifiableMap(
                                AuthenticatorModel::aaguid, Function.identity(), (a, b) -> a)))
            .orElse(Map.of());
  }

  /** Only the bundled table. */
  public static AuthenticatorModels bundledOnly() {
    return new AuthenticatorModels(Optional.empty(), Optional.empty());
  }

  /** The bundled table and this verified BLOB (which the caller checked is current). */
  public static AuthenticatorModels withMetadata(MdsBlob blob) {
    return new AuthenticatorModels(Optional.of(blob), Optional.empty());
  }

  /**
   * The bundled table and the MDS cache in the data directory when it is still valid. An expired or
   * unreadable cache is not used; {@link #notice()} says why. Never throws for a bad cache.
   */
  public static AuthenticatorModels load(Path dataDirectory, Clock clock) {
    return load(new MdsCache(dataDirectory), clock);
  }

  /** As {@link #load(Path, Clock)}, from this cache. */
  public static AuthenticatorModels load(MdsCache cache, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Optional<MdsBlob> cached;
    try {
      cached = cache.read();
    } catch (MdsException e) {
      LOG.warn("{}", e.getMessage());
      return new AuthenticatorModels(Optional.empty(), Optional.of(e.getMessage()));
    }
    if (cached.isPresent() && cached.get().isExpired(clock)) {
      return new AuthenticatorModels(
          Optional.empty(),
          Optional.of(
              "The imported FIDO metadata expired on "
                  + cached.get().nextUpdate()
                  + "; only the bundled table is used. Download the current BLOB from "
                  + MdsBlobVerifier.DOWNLOAD_URL
                  + " and import it with 'keydesk mds import FILE'."));
    }
    return new AuthenticatorModels(cached, Optional.empty());
  }

  /** The model with this AAGUID: MDS first, then the bundled table (which may add the vendor). */
  public Optional<AuthenticatorModel> lookup(UUID aaguid) {
    Optional<AuthenticatorModel> bundled = BundledModels.lookup(aaguid);
    AuthenticatorModel fromMds = mds.get(aaguid);
    if (fromMds != null) {
      return Optional.of(fromMds.withVendorIfAbsent(bundled.flatMap(AuthenticatorModel::vendor)));
    }
    return bundled;
  }

  /** The model with this 16-byte AAGUID. */
  public Optional<AuthenticatorModel> lookup(byte[] aaguid) {
    return lookup(Aaguids.fromBytes(aaguid));
  }

  /** The valid MDS BLOB in use, if any. */
  public Optional<MdsBlob> metadata() {
    return metadata;
  }

  /** Why imported metadata is not used (expired, unreadable), for the user. */
  public Optional<String> notice() {
    return notice;
  }
}
