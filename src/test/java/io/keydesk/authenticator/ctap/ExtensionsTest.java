package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialId;
import static io.keydesk.authenticator.ctap.TestAuthenticator.mc;
import static io.keydesk.authenticator.ctap.TestAuthenticator.rk;
import static io.keydesk.authenticator.ctap.TestAuthenticator.statusOf;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Encapsulation;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinProtocol;
import io.keydesk.ctap2.PinProtocolV1;
import io.keydesk.ctap2.PinProtocolV2;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExtensionsTest {
  private final TestAuthenticator authenticator = new TestAuthenticator();

  static Stream<PinProtocol> protocols() {
    return Stream.of(new PinProtocolV2(), new PinProtocolV1());
  }

  /** The extension outputs at the end of authData (after attested credential data, if any). */
  private static CborMap extensionOutputs(Bytes authData, int start) throws Exception {
    return Cbor.decodeMap(authData.slice(start, authData.length()).toArray());
  }

  private MakeCredentialResponse make(String name, boolean discoverable, CborMap extensions)
      throws Exception {
    return authenticator.makeCredential(
        (discoverable ? rk("example.com", user(name)) : mc("example.com", user(name)))
            .extensions(extensions)
            .build());
  }

  @Test
  void credProtectIsEchoedAndEnforced() throws Exception {
    ClientPin client = authenticator.clientPin(new PinProtocolV2());
    Bytes level2 =
        credentialId(
            make("two", false, CborMap.builder().put("credProtect", 2).build()).authData());
    Bytes level3 =
        credentialId(
            make("three", false, CborMap.builder().put("credProtect", 3).build()).authData());
    MakeCredentialResponse rk2 = make("rk2", true, CborMap.builder().put("credProtect", 2).build());
    Bytes rk2Id = credentialId(rk2.authData());
    CborMap publicKey = TestAuthenticator.credentialPublicKey(rk2.authData());
    int keyEnd = 55 + rk2Id.length() + Cbor.encode(publicKey).length;
    assertThat(TestAuthenticator.flags(rk2.authData())).isEqualTo(0xC1); // UP | AT | ED
    assertThat(extensionOutputs(rk2.authData(), keyEnd))
        .isEqualTo(CborMap.builder().put("credProtect", 2L).build());

    // Without UV: level 2 only through the allowList, level 3 not at all.
    assertThat(allowList(level2).credential().get().id()).isEqualTo(level2);
    assertThat(statusOf(() -> allowList(level3))).isEqualTo(CtapStatus.NO_CREDENTIALS);
    assertThat(
            statusOf(
                () ->
                    authenticator.getAssertion(
                        GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH).build())))
        .isEqualTo(CtapStatus.NO_CREDENTIALS);
    // A level-3 credential does not even exclude without UV.
    authenticator.makeCredential(
        mc("example.com", user("again"))
            .excludeList(List.of(PublicKeyCredentialDescriptor.publicKey(level3)))
            .build());

    // With UV both are usable, and the discoverable one is found.
    client.setPin("1234".toCharArray());
    GetAssertionResponse viaUv = withUv(client, List.of(level3));
    assertThat(viaUv.credential().get().id()).isEqualTo(level3);
    GetAssertionResponse discovered = withUv(client, List.of());
    assertThat(discovered.credential().get().id()).isEqualTo(rk2Id);
  }

  private GetAssertionResponse allowList(Bytes id) throws Exception {
    return authenticator.getAssertion(
        GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
            .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
            .build());
  }

  private GetAssertionResponse withUv(ClientPin client, List<Bytes> ids) throws Exception {
    return withUv(client, ids, Optional.empty());
  }

  private GetAssertionResponse withUv(ClientPin client, List<Bytes> ids, Optional<CborMap> ext)
      throws Exception {
    try (PinUvAuthToken token =
        client.getPinUvAuthTokenUsingPinWithPermissions(
            "1234".toCharArray(),
            EnumSet.of(Permission.GET_ASSERTION),
            Optional.of("example.com"))) {
      GetAssertionRequest.Builder builder =
          GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
              .allowList(ids.stream().map(PublicKeyCredentialDescriptor::publicKey).toList())
              .pinUvAuth(
                  Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray())),
                  client.protocol().version());
      ext.ifPresent(builder::extensions);
      return authenticator.getAssertion(builder.build());
    }
  }

  /** Sends hmac-secret with {@code salt} and returns the decrypted output. */
  private Bytes hmacSecret(ClientPin client, Bytes id, Bytes salt, boolean uv) throws Exception {
    PinProtocol protocol = client.protocol();
    try (Encapsulation session = protocol.encapsulate(client.getKeyAgreement())) {
      byte[] saltEnc = protocol.encrypt(session.sharedSecret(), salt.toArray());
      CborMap input =
          CborMap.builder()
              .put(
                  "hmac-secret",
                  CborMap.builder()
                      .put(1, session.keyAgreement())
                      .put(2, saltEnc)
                      .put(3, protocol.authenticate(session.sharedSecret(), saltEnc))
                      .put(4, protocol.version())
                      .build())
              .build();
      GetAssertionResponse response =
          uv
              ? withUv(client, List.of(id), Optional.of(input))
              : authenticator.getAssertion(
                  GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
                      .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
                      .extensions(input)
                      .build());
      assertThat(TestAuthenticator.flags(response.authData()) & 0x80).isEqualTo(0x80);
      Bytes encrypted = extensionOutputs(response.authData(), 37).getBytes("hmac-secret");
      return Bytes.of(protocol.decrypt(session.sharedSecret(), encrypted.toArray()));
    }
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void hmacSecretIsStablePerSaltAndDiffersWithUv(PinProtocol protocol) throws Exception {
    ClientPin client = authenticator.clientPin(protocol);
    MakeCredentialResponse made =
        make("alice", false, CborMap.builder().put("hmac-secret", true).build());
    Bytes id = credentialId(made.authData());
    int keyEnd =
        55
            + id.length()
            + Cbor.encode(TestAuthenticator.credentialPublicKey(made.authData())).length;
    assertThat(extensionOutputs(made.authData(), keyEnd))
        .isEqualTo(CborMap.builder().put("hmac-secret", true).build());
    Bytes salt1 = Bytes.of(new byte[32]);
    Bytes salt2 = TestAuthenticator.sha256("second salt");

    Bytes first = hmacSecret(client, id, salt1, false);
    Bytes again = hmacSecret(client, id, salt1, false);
    Bytes two = hmacSecret(client, id, Bytes.concat(salt1, salt2), false);
    Bytes other = hmacSecret(client, id, salt2, false);

    assertThat(first.length()).isEqualTo(32);
    assertThat(again).isEqualTo(first);
    assertThat(two.slice(0, 32)).isEqualTo(first);
    assertThat(two.slice(32, 64)).isEqualTo(other);
    assertThat(other).isNotEqualTo(first);

    client.setPin("1234".toCharArray());
    Bytes withUv = hmacSecret(client, id, salt1, true);
    assertThat(withUv).isNotEqualTo(first);
    assertThat(hmacSecret(client, id, salt1, true)).isEqualTo(withUv);
  }

  @Test
  void hmacSecretWithABadSaltAuthIsRefused() throws Exception {
    ClientPin client = authenticator.clientPin(new PinProtocolV2());
    Bytes id =
        credentialId(
            make("alice", false, CborMap.builder().put("hmac-secret", true).build()).authData());
    PinProtocol protocol = client.protocol();
    try (Encapsulation session = protocol.encapsulate(client.getKeyAgreement())) {
      byte[] saltEnc = protocol.encrypt(session.sharedSecret(), new byte[32]);
      CborMap input =
          CborMap.builder()
              .put(
                  "hmac-secret",
                  CborMap.builder()
                      .put(1, session.keyAgreement())
                      .put(2, saltEnc)
                      .put(3, new byte[32])
                      .put(4, 2)
                      .build())
              .build();
      assertThat(
              statusOf(
                  () ->
                      authenticator.getAssertion(
                          GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
                              .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
                              .extensions(input)
                              .build())))
          .isEqualTo(CtapStatus.PIN_AUTH_INVALID);
    }
  }

  @Test
  void infoListsTheExtensions() throws Exception {
    Info info = authenticator.ctap2.getInfo();
    assertThat(info.extensions()).containsExactly("credProtect", "hmac-secret");
  }
}
