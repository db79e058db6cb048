package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The members authenticatorMakeCredential (CTAP 2.1 section 6.1) and authenticatorGetAssertion
 * (section 6.2) share after their leading ones: a credential list (excludeList / allowList),
 * extensions, options, pinUvAuthParam and pinUvAuthProtocol. Read and written here once, each
 * command giving its own member keys; an empty list and empty options are omitted on the wire.
 */
record CredentialRequestMembers(
    List<PublicKeyCredentialDescriptor> credentials,
    Optional<CborMap> extensions,
    RequestOptions options,
    Optional<Bytes> pinUvAuthParam,
    Optional<Integer> pinUvAuthProtocol) {

  /** The keys of the shared members in one command. */
  record Keys(int credentials, int extensions, int options, int pinUvAuthParam, int protocol) {}

  /** SHA-256 of clientDataJSON. */
  static final int CLIENT_DATA_HASH_LENGTH = 32;

  static void requireClientDataHash(Bytes clientDataHash) {
    Objects.requireNonNull(clientDataHash, "clientDataHash");
    if (clientDataHash.length() != CLIENT_DATA_HASH_LENGTH) {
      throw new IllegalArgumentException(
          "clientDataHash must be "
              + CLIENT_DATA_HASH_LENGTH
              + " bytes but is "
              + clientDataHash.length());
    }
  }

  /** Reads the shared members of a request; absent ones are empty. */
  static CredentialRequestMembers fromCbor(CborMap map, Keys keys) throws CborException {
    List<PublicKeyCredentialDescriptor> credentials =
        CtapCbor.optMapList(map, keys.credentials(), PublicKeyCredentialDescriptor::fromCbor);
    Optional<CborMap> extensions = CtapCbor.optTextKeyedMap(map, keys.extensions());
    Optional<CborMap> optionsMap = map.optMap(keys.options());
    RequestOptions options =
        optionsMap.isPresent() ? RequestOptions.fromCbor(optionsMap.get()) : RequestOptions.none();
    Optional<Bytes> pinUvAuthParam = map.optBytes(keys.pinUvAuthParam());
    Optional<Integer> pinUvAuthProtocol = CtapCbor.optUint(map, keys.protocol());
    return new CredentialRequestMembers(
        credentials, extensions, options, pinUvAuthParam, pinUvAuthProtocol);
  }

  /** Puts the shared members that are present, in key order. */
  void putInto(CborMap.Builder builder, Keys keys) {
    CtapCbor.putList(
        builder,
        keys.credentials(),
        credentials.stream().map(PublicKeyCredentialDescriptor::toCbor).toList());
    builder.putIfPresent(keys.extensions(), extensions);
    if (!options.isEmpty()) {
      builder.put(keys.options(), options.toCbor());
    }
    builder
        .putIfPresent(keys.pinUvAuthParam(), pinUvAuthParam)
        .putIfPresent(keys.protocol(), pinUvAuthProtocol.map(Integer::longValue));
  }
}
