package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialId;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialPublicKey;
import static io.keydesk.authenticator.ctap.TestAuthenticator.flags;
import static io.keydesk.authenticator.ctap.TestAuthenticator.mc;
import static io.keydesk.authenticator.ctap.TestAuthenticator.rk;
import static io.keydesk.authenticator.ctap.TestAuthenticator.sha256;
import static io.keydesk.authenticator.ctap.TestAuthenticator.signCount;
import static io.keydesk.authenticator.ctap.TestAuthenticator.statusOf;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.ctap2.RequestOptions;
import io.keydesk.ctap2.UserEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetAssertionOperationTest {
  private final TestAuthenticator authenticator = new TestAuthenticator();

  private static GetAssertionRequest.Builder ga(String rpId, Bytes... ids) {
    List<PublicKeyCredentialDescriptor> allowList = new ArrayList<>();
    for (Bytes id : ids) {
      allowList.add(PublicKeyCredentialDescriptor.publicKey(id));
    }
    return GetAssertionRequest.builder(rpId, CLIENT_DATA_HASH).allowList(allowList);
  }

  @ParameterizedTest
  @ValueSource(longs = {CredentialParameters.ES256, CredentialParameters.EDDSA})
  void assertionsVerifyAndCountUp(long algorithm) throws Exception {
    MakeCredentialResponse made =
        authenticator.makeCredential(mc("example.com", user("alice"), algorithm).build());
    Bytes id = credentialId(made.authData());
    CborMap publicKey = credentialPublicKey(made.authData());

    GetAssertionResponse first = authenticator.getAssertion(ga("example.com", id).build());
    GetAssertionResponse second = authenticator.getAssertion(ga("example.com", id).build());

    assertThat(first.credential().get().id()).isEqualTo(id);
    assertThat(first.authData().length()).isEqualTo(37);
    assertThat(first.authData().slice(0, 32)).isEqualTo(sha256("example.com"));
    assertThat(flags(first.authData())).isEqualTo(0x01);
    assertThat(signCount(first.authData())).isEqualTo(1);
    assertThat(signCount(second.authData())).isEqualTo(2);
    assertThat(first.user()).isEmpty();
    assertThat(first.numberOfCredentials()).isEmpty();
    assertThat(
            CoseVerifier.verify(
                publicKey, Bytes.concat(first.authData(), CLIENT_DATA_HASH), first.signature()))
        .isTrue();
    assertThat(
            CoseVerifier.verify(
                publicKey, Bytes.concat(second.authData(), CLIENT_DATA_HASH), second.signature()))
        .isTrue();
  }

  @Test
  void credentialIdsOpenOnlyForTheirRp() throws Exception {
    Bytes id =
        credentialId(
            authenticator.makeCredential(mc("rp-a.example", user("alice")).build()).authData());
    byte[] tampered = id.toArray();
    tampered[20] ^= 1;

    assertThat(statusOf(() -> authenticator.getAssertion(ga("rp-b.example", id).build())))
        .isEqualTo(CtapStatus.NO_CREDENTIALS);
    assertThat(
            statusOf(
                () -> authenticator.getAssertion(ga("rp-a.example", Bytes.of(tampered)).build())))
        .isEqualTo(CtapStatus.NO_CREDENTIALS);
    assertThat(authenticator.getAssertion(ga("rp-a.example", id).build()).credential())
        .contains(PublicKeyCredentialDescriptor.publicKey(id));
  }

  @Test
  void allowListLimits() throws Exception {
    Bytes id =
        credentialId(
            authenticator.makeCredential(mc("example.com", user("alice")).build()).authData());
    Bytes tooLong = Bytes.of(new byte[129]);

    GetAssertionResponse response =
        authenticator.getAssertion(ga("example.com", tooLong, id).build());
    assertThat(response.credential().get().id()).isEqualTo(id);

    Bytes[] nine = Collections.nCopies(9, id).toArray(new Bytes[0]);
    assertThat(statusOf(() -> authenticator.getAssertion(ga("example.com", nine).build())))
        .isEqualTo(CtapStatus.REQUEST_TOO_LARGE);
  }

  @Test
  void severalResidentUsersComeMostRecentFirst() throws Exception {
    for (String name : List.of("alice", "bob", "carol")) {
      authenticator.makeCredential(rk("example.com", user(name)).build());
      authenticator.clock.advance(Duration.ofSeconds(1));
    }
    authenticator.makeCredential(rk("other.example", user("dave")).build());

    GetAssertionResponse first =
        authenticator.getAssertion(
            GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH).build());
    GetAssertionResponse second = authenticator.ctap2.getNextAssertion();
    GetAssertionResponse third = authenticator.ctap2.getNextAssertion();

    assertThat(first.numberOfCredentials()).contains(3);
    assertThat(second.numberOfCredentials()).isEmpty();
    // Without UV only the user ID is returned.
    assertThat(List.of(first.user().get(), second.user().get(), third.user().get()))
        .containsExactly(
            UserEntity.of(user("carol").id()),
            UserEntity.of(user("bob").id()),
            UserEntity.of(user("alice").id()));
    assertThat(List.of(signCount(first.authData()), signCount(third.authData())))
        .containsExactly(1L, 3L);
    assertThat(statusOf(() -> authenticator.ctap2.getNextAssertion()))
        .isEqualTo(CtapStatus.NOT_ALLOWED);
  }

  @Test
  void getNextAssertionExpiresAfter30sAndWithAnyOtherCommand() throws Exception {
    authenticator.makeCredential(rk("example.com", user("alice")).build());
    authenticator.makeCredential(rk("example.com", user("bob")).build());
    GetAssertionRequest request =
        GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH).build();

    authenticator.getAssertion(request);
    authenticator.clock.advance(Duration.ofSeconds(31));
    assertThat(statusOf(() -> authenticator.ctap2.getNextAssertion()))
        .isEqualTo(CtapStatus.NOT_ALLOWED);

    authenticator.getAssertion(request);
    authenticator.ctap2.getInfo();
    assertThat(statusOf(() -> authenticator.ctap2.getNextAssertion()))
        .isEqualTo(CtapStatus.NOT_ALLOWED);

    authenticator.getAssertion(request);
    authenticator.clock.advance(Duration.ofSeconds(29));
    assertThat(authenticator.ctap2.getNextAssertion().user().get().id())
        .isEqualTo(user("alice").id());
  }

  @Test
  void upFalseProbesWithoutATouch() throws Exception {
    Bytes id =
        credentialId(
            authenticator.makeCredential(mc("example.com", user("alice")).build()).authData());
    int before = authenticator.presence.requests();

    GetAssertionResponse response =
        authenticator.getAssertion(
            ga("example.com", id).options(RequestOptions.none().withUp(false)).build());

    assertThat(flags(response.authData())).isZero();
    assertThat(authenticator.presence.requests()).isEqualTo(before);
  }

  @Test
  void optionAndCredentialErrors() {
    assertThat(
            statusOf(
                () ->
                    authenticator.getAssertion(
                        ga("example.com").options(RequestOptions.none().withRk(true)).build())))
        .isEqualTo(CtapStatus.UNSUPPORTED_OPTION);
    assertThat(
            statusOf(
                () ->
                    authenticator.getAssertion(
                        ga("example.com").options(RequestOptions.none().withUv(true)).build())))
        .isEqualTo(CtapStatus.INVALID_OPTION);
    assertThat(statusOf(() -> authenticator.getAssertion(ga("example.com").build())))
        .isEqualTo(CtapStatus.NO_CREDENTIALS);
  }

  @Test
  void deniedPresenceEndsWithOperationDenied() throws Exception {
    Bytes id =
        credentialId(
            authenticator.makeCredential(mc("example.com", user("alice")).build()).authData());
    authenticator.presence.next(ScriptedPresence.Answer.DENY);
    assertThat(statusOf(() -> authenticator.getAssertion(ga("example.com", id).build())))
        .isEqualTo(CtapStatus.OPERATION_DENIED);
  }
}
