package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * authenticatorMakeCredential parameters (CTAP 2.1 section 6.1; attestationFormatsPreference from
 * CTAP 2.2). Empty lists and empty options are omitted on the wire. Cross-member rules (a
 * pinUvAuthParam needs a pinUvAuthProtocol, ...) are the authenticator's to answer with a status
 * code, so they are not enforced here; only shapes and lengths are.
 */
public record MakeCredentialRequest(
    Bytes clientDataHash,
    RpEntity rp,
    UserEntity user,
    List<CredentialParameters> pubKeyCredParams,
    List<PublicKeyCredentialDescriptor> excludeList,
    Optional<CborMap> extensions,
    RequestOptions options,
    Optional<Bytes> pinUvAuthParam,
    Optional<Integer> pinUvAuthProtocol,
    Optional<Integer> enterpriseAttestation,
    List<String> attestationFormatsPreference) {
  public static final int CLIENT_DATA_HASH = 0x01;
  public static final int RP = 0x02;
  public static final int USER = 0x03;
  public static final int PUB_KEY_CRED_PARAMS = 0x04;
  public static final int EXCLUDE_LIST = 0x05;
  public static final int EXTENSIONS = 0x06;
  public static final int OPTIONS = 0x07;
  public static final int PIN_UV_AUTH_PARAM = 0x08;
  public static final int PIN_UV_AUTH_PROTOCOL = 0x09;
  public static final int ENTERPRISE_ATTESTATION = 0x0A;
  public static final int ATTESTATION_FORMATS_PREFERENCE = 0x0B;

  /** SHA-256 of clientDataJSON. */
  public static final int CLIENT_DATA_HASH_LENGTH =
      CredentialRequestMembers.CLIENT_DATA_HASH_LENGTH;

  private static final CredentialRequestMembers.Keys SHARED =
      new CredentialRequestMembers.Keys(
          EXCLUDE_LIST, EXTENSIONS, OPTIONS, PIN_UV_AUTH_PARAM, PIN_UV_AUTH_PROTOCOL);

  public MakeCredentialRequest {
    CredentialRequestMembers.requireClientDataHash(clientDataHash);
    Objects.requireNonNull(rp, "rp");
    Objects.requireNonNull(user, "user");
    pubKeyCredParams = List.copyOf(pubKeyCredParams);
    excludeList = List.copyOf(excludeList);
    Objects.requireNonNull(extensions, "extensions");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(pinUvAuthParam, "pinUvAuthParam");
    Objects.requireNonNull(pinUvAuthProtocol, "pinUvAuthProtocol");
    Objects.requireNonNull(enterpriseAttestation, "enterpriseAttestation");
    attestationFormatsPreference = List.copyOf(attestationFormatsPreference);
  }

  /** A builder with the four required members; everything else starts absent. */
  public static Builder builder(
      Bytes clientDataHash, RpEntity rp, UserEntity user, List<CredentialParameters> params) {
    return new Builder(clientDataHash, rp, user, params);
  }

  public CborMap toCbor() {
    CborMap.Builder builder =
        CborMap.builder()
            .put(CLIENT_DATA_HASH, clientDataHash)
            .put(RP, rp.toCbor())
            .put(USER, user.toCbor())
            .put(
                PUB_KEY_CRED_PARAMS,
                pubKeyCredParams.stream().map(CredentialParameters::toCbor).toList());
    new CredentialRequestMembers(
            excludeList, extensions, options, pinUvAuthParam, pinUvAuthProtocol)
        .putInto(builder, SHARED);
    builder.putIfPresent(ENTERPRISE_ATTESTATION, enterpriseAttestation.map(Integer::longValue));
    CtapCbor.putList(builder, ATTESTATION_FORMATS_PREFERENCE, attestationFormatsPreference);
    return builder.build();
  }

  /** Reads a request as an authenticator receives it; unknown members are ignored. */
  public static MakeCredentialRequest fromCbor(CborMap map) throws CborException {
    Bytes clientDataHash = map.getBytes(CLIENT_DATA_HASH);
    RpEntity rp = RpEntity.fromCbor(map.getMap(RP));
    UserEntity user = UserEntity.fromCbor(map.getMap(USER));
    List<CredentialParameters> params =
        CtapCbor.mapList(map, PUB_KEY_CRED_PARAMS, CredentialParameters::fromCbor);
    CredentialRequestMembers shared = CredentialRequestMembers.fromCbor(map, SHARED);
    Optional<Integer> enterpriseAttestation = CtapCbor.optUint(map, ENTERPRISE_ATTESTATION);
    List<String> formats = CtapCbor.optTextList(map, ATTESTATION_FORMATS_PREFERENCE);
    return CtapCbor.build(
        "makeCredential",
        () ->
            new MakeCredentialRequest(
                clientDataHash,
                rp,
                user,
                params,
                shared.credentials(),
                shared.extensions(),
                shared.options(),
                shared.pinUvAuthParam(),
                shared.pinUvAuthProtocol(),
                enterpriseAttestation,
                formats));
  }

  /** Builds a request; the four required members are given up front. */
  public static final class Builder {
    private final Bytes clientDataHash;
    private final RpEntity rp;
    private final UserEntity user;
    private final List<CredentialParameters> params;
    private List<PublicKeyCredentialDescriptor> excludeList = List.of();
    private Optional<CborMap> extensions = Optional.empty();
    private RequestOptions options = RequestOptions.none();
    private Optional<Bytes> pinUvAuthParam = Optional.empty();
    private Optional<Integer> pinUvAuthProtocol = Optional.empty();
    private Optional<Integer> enterpriseAttestation = Optional.empty();
    private List<String> attestationFormatsPreference = List.of();

    private Builder(
        Bytes clientDataHash, RpEntity rp, UserEntity user, List<CredentialParameters> params) {
      this.clientDataHash = clientDataHash;
      this.rp = rp;
      this.user = user;
      this.params = params;
    }

    public Builder excludeList(List<PublicKeyCredentialDescriptor> value) {
      excludeList = value;
      return this;
    }

    public Builder extensions(CborMap value) {
      extensions = Optional.of(value);
      return this;
    }

    public Builder options(RequestOptions value) {
      options = value;
      return this;
    }

    /** The pinUvAuthParam and the protocol that computed it (CTAP 2.1 section 6.5). */
    public Builder pinUvAuth(Bytes param, int protocol) {
      pinUvAuthParam = Optional.of(param);
      pinUvAuthProtocol = Optional.of(protocol);
      return this;
    }

    /** 1: vendor-facilitated, 2: platform-managed (CTAP 2.1 section 7.1). */
    public Builder enterpriseAttestation(int value) {
      enterpriseAttestation = Optional.of(value);
      return this;
    }

    public Builder attestationFormatsPreference(List<String> value) {
      attestationFormatsPreference = value;
      return this;
    }

    public MakeCredentialRequest build() {
      return new MakeCredentialRequest(
          clientDataHash,
          rp,
          user,
          params,
          excludeList,
          extensions,
          options,
          pinUvAuthParam,
          pinUvAuthProtocol,
          enterpriseAttestation,
          attestationFormatsPreference);
    }
  }
}
