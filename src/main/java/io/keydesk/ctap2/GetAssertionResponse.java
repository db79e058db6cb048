package io.keydesk.ctap2;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Objects;
import java.util.Optional;

/**
 * authenticatorGetAssertion and authenticatorGetNextAssertion response (CTAP 2.1 sections 6.2 and
 * 6.3; unsignedExtensionOutputs from CTAP 2.2). The credential may be omitted when the allowList
 * held exactly one; numberOfCredentials comes only with the first of several assertions. Unknown
 * members are ignored, as section 6 asks of platforms.
 */
public record GetAssertionResponse(
    Optional<PublicKeyCredentialDescriptor> credential,
    Bytes authData,
    Bytes signature,
    Optional<UserEntity> user,
    Optional<Integer> numberOfCredentials,
    Optional<Boolean> userSelected,
    Optional<Bytes> largeBlobKey,
    Optional<CborMap> unsignedExtensionOutputs) {
  public static final int CREDENTIAL = 0x01;
  public static final int AUTH_DATA = 0x02;
  public static final int SIGNATURE = 0x03;
  public static final int USER = 0x04;
  public static final int NUMBER_OF_CREDENTIALS = 0x05;
  public static final int USER_SELECTED = 0x06;
  public static final int LARGE_BLOB_KEY = 0x07;
  public static final int UNSIGNED_EXTENSION_OUTPUTS = 0x08;

  public GetAssertionResponse {
    Objects.requireNonNull(credential, "credential");
    MakeCredentialResponse.requireAuthData(authData);
    Objects.requireNonNull(signature, "signature");
    if (signature.isEmpty()) {
      throw new IllegalArgumentException("the signature is empty");
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(numberOfCredentials, "numberOfCredentials");
    if (numberOfCredentials.isPresent() && numberOfCredentials.get() < 1) {
      throw new IllegalArgumentException(
          "numberOfCredentials must be at least 1 but is " + numberOfCredentials.get());
    }
    Objects.requireNonNull(userSelected, "userSelected");
    MakeCredentialResponse.requireLargeBlobKey(largeBlobKey);
    Objects.requireNonNull(unsignedExtensionOutputs, "unsignedExtensionOutputs");
  }

  /** A response with a credential, authData and signature only. */
  public static GetAssertionResponse of(
      PublicKeyCredentialDescriptor credential, Bytes authData, Bytes signature) {
    return new GetAssertionResponse(
        Optional.of(credential),
        authData,
        signature,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public GetAssertionResponse withUser(UserEntity value) {
    return new GetAssertionResponse(
        credential,
        authData,
        signature,
        Optional.of(value),
        numberOfCredentials,
        userSelected,
        largeBlobKey,
        unsignedExtensionOutputs);
  }

  public GetAssertionResponse withNumberOfCredentials(int value) {
    return new GetAssertionResponse(
        credential,
        authData,
        signature,
        user,
        Optional.of(value),
        userSelected,
        largeBlobKey,
        unsignedExtensionOutputs);
  }

  public CborMap toCbor() {
    return CborMap.builder()
        .putIfPresent(CREDENTIAL, credential.map(PublicKeyCredentialDescriptor::toCbor))
        .put(AUTH_DATA, authData)
        .put(SIGNATURE, signature)
        .putIfPresent(USER, user.map(UserEntity::toCbor))
        .putIfPresent(NUMBER_OF_CREDENTIALS, numberOfCredentials.map(Integer::longValue))
        .putIfPresent(USER_SELECTED, userSelected)
        .putIfPresent(LARGE_BLOB_KEY, largeBlobKey)
        .putIfPresent(UNSIGNED_EXTENSION_OUTPUTS, unsignedExtensionOutputs)
        .build();
  }

  public static GetAssertionResponse fromCbor(CborMap map) throws CborException {
    Optional<CborMap> credentialMap = map.optMap(CREDENTIAL);
    Optional<PublicKeyCredentialDescriptor> credential =
        credentialMap.isPresent()
            ? Optional.of(PublicKeyCredentialDescriptor.fromCbor(credentialMap.get()))
            : Optional.empty();
    Bytes authData = map.getBytes(AUTH_DATA);
    Bytes signature = map.getBytes(SIGNATURE);
    Optional<CborMap> userMap = map.optMap(USER);
    Optional<UserEntity> user =
        userMap.isPresent() ? Optional.of(UserEntity.fromCbor(userMap.get())) : Optional.empty();
    Optional<Integer> numberOfCredentials = CtapCbor.optUint(map, NUMBER_OF_CREDENTIALS);
    Optional<Boolean> userSelected = map.optBoolean(USER_SELECTED);
    Optional<Bytes> largeBlobKey = map.optBytes(LARGE_BLOB_KEY);
    Optional<CborMap> unsigned = CtapCbor.optTextKeyedMap(map, UNSIGNED_EXTENSION_OUTPUTS);
    return CtapCbor.build(
        "getAssertion response",
        () ->
            new GetAssertionResponse(
                credential,
                authData,
                signature,
                user,
                numberOfCredentials,
                userSelected,
                largeBlobKey,
                unsigned));
  }
}
