package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * authenticatorGetAssertion parameters (CTAP 2.1 section 6.2). An empty allowList is omitted on the
 * wire (the key then looks for discoverable credentials), as are empty options.
 */
public record GetAssertionRequest(
    String rpId,
    Bytes clientDataHash,
    List<PublicKeyCredentialDescriptor> allowList,
    Optional<CborMap> extensions,
    RequestOptions options,
    Optional<Bytes> pinUvAuthParam,
    Optional<Integer> pinUvAuthProtocol) {
  public static final int RP_ID = 0x01;
  public static final int CLIENT_DATA_HASH = 0x02;
  public static final int ALLOW_LIST = 0x03;
  public static final int EXTENSIONS = 0x04;
  public static final int OPTIONS = 0x05;
  public static final int PIN_UV_AUTH_PARAM = 0x06;
  public static final int PIN_UV_AUTH_PROTOCOL = 0x07;

  private static final CredentialRequestMembers.Keys SHARED =
      new CredentialRequestMembers.Keys(
          ALLOW_LIST, EXTENSIONS, OPTIONS, PIN_UV_AUTH_PARAM, PIN_UV_AUTH_PROTOCOL);

  public GetAssertionRequest {
    Objects.requireNonNull(rpId, "rpId");
    if (rpId.isEmpty()) {
      throw new IllegalArgumentException("the RP ID is empty");
    }
    CredentialRequestMembers.requireClientDataHash(clientDataHash);
    allowList = List.copyOf(allowList);
    Objects.requireNonNull(extensions, "extensions");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(pinUvAuthParam, "pinUvAuthParam");
    Objects.requireNonNull(pinUvAuthProtocol, "pinUvAuthProtocol");
  }

  /** A builder with the two required members; everything else starts absent. */
  public static Builder builder(String rpId, Bytes clientDataHash) {
    return new Builder(rpId, clientDataHash);
  }

  public CborMap toCbor() {
    CborMap.Builder builder =
        CborMap.builder().put(RP_ID, rpId).put(CLIENT_DATA_HASH, clientDataHash);
    new CredentialRequestMembers(allowList, extensions, options, pinUvAuthParam, pinUvAuthProtocol)
        .putInto(builder, SHARED);
    return builder.build();
  }

  /** Reads a request as an authenticator receives it; unknown members are ignored. */
  public static GetAssertionRequest fromCbor(CborMap map) throws CborException {
    String rpId = map.getString(RP_ID);
    Bytes clientDataHash = map.getBytes(CLIENT_DATA_HASH);
    CredentialRequestMembers shared = CredentialRequestMembers.fromCbor(map, SHARED);
    return CtapCbor.build(
        "getAssertion",
        () ->
            new GetAssertionRequest(
                rpId,
                clientDataHash,
                shared.credentials(),
                shared.extensions(),
                shared.options(),
                shared.pinUvAuthParam(),
                shared.pinUvAuthProtocol()));
  }

  /** Builds a request; rpId and clientDataHash are given up front. */
  public static final class Builder {
    private final String rpId;
    private final Bytes clientDataHash;
    private List<PublicKeyCredentialDescriptor> allowList = List.of();
    private Optional<CborMap> extensions = Optional.empty();
    private RequestOptions options = RequestOptions.none();
    private Optional<Bytes> pinUvAuthParam = Optional.empty();
    private Optional<Integer> pinUvAuthProtocol = Optional.empty();

    private Builder(String rpId, Bytes clientDataHash) {
      this.rpId = rpId;
      this.clientDataHash = clientDataHash;
    }

    public Builder allowList(List<PublicKeyCredentialDescriptor> value) {
      allowList = value;
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

    public GetAssertionRequest build() {
      return new GetAssertionRequest(
          rpId, clientDataHash, allowList, extensions, options, pinUvAuthParam, pinUvAuthProtocol);
    }
  }
}
