package io.keydesk.authenticator.ctap;

import static io.keydesk.authenticator.ctap.TestAuthenticator.AAGUID;
import static io.keydesk.authenticator.ctap.TestAuthenticator.CLIENT_DATA_HASH;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialId;
import static io.keydesk.authenticator.ctap.TestAuthenticator.credentialPublicKey;
import static io.keydesk.authenticator.ctap.TestAuthenticator.mc;
import static io.keydesk.authenticator.ctap.TestAuthenticator.rk;
import static io.keydesk.authenticator.ctap.TestAuthenticator.signCount;
import static io.keydesk.authenticator.ctap.TestAuthenticator.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CredentialParameters;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.GetAssertionResponse;
import io.keydesk.ctap2.MakeCredentialResponse;
import io.keydesk.ctap2.PinProtocolV2;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Ctap2StateTest {
  @Test
  void stateSurvivesARestart() throws Exception {
    TestAuthenticator before = new TestAuthenticator();
    AtomicInteger saves = new AtomicInteger();
    before.processor.onStateChange(state -> saves.incrementAndGet());
    MakeCredentialResponse made =
        before.makeCredential(mc("example.com", user("alice"), CredentialParameters.EDDSA).build());
    Bytes id = credentialId(made.authData());
    before.makeCredential(rk("example.com", user("bob")).build());
    before.clientPin(new PinProtocolV2()).setPin("1234".toCharArray());
    before.getAssertion(
        GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
            .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
            .build());
    assertThat(saves.get()).isGreaterThanOrEqualTo(4);

    byte[] saved = before.processor.state().encode();
    Ctap2State restored = Ctap2State.fromCbor(Cbor.decodeMap(saved), 25);
    assertThat(restored.encode()).isEqualTo(saved);
    TestAuthenticator after =
        new TestAuthenticator(Ctap2Config.defaults(AAGUID), restored, before.clock);

    GetAssertionResponse assertion =
        after.getAssertion(
            GetAssertionRequest.builder("example.com", CLIENT_DATA_HASH)
                .allowList(List.of(PublicKeyCredentialDescriptor.publicKey(id)))
                .build());
    assertThat(signCount(assertion.authData())).isEqualTo(2);
    assertThat(
            CoseVerifier.verify(
                credentialPublicKey(made.authData()),
                Bytes.concat(assertion.authData(), CLIENT_DATA_HASH),
                assertion.signature()))
        .isTrue();
    assertThat(after.processor.state().store().all())
        .isEqualTo(before.processor.state().store().all());
    assertThat(after.ctap2.getInfo().isPinSet()).contains(true);
    assertThat(after.processor.attestation().rootCertificate())
        .isEqualTo(before.processor.attestation().rootCertificate());
    after.clientPin(new PinProtocolV2()).getPinToken("1234".toCharArray()).close();
  }

  @Test
  void damagedStateIsRefused() throws Exception {
    CborMap good = Ctap2Processor.create(Ctap2Config.defaults(AAGUID)).state().toCbor();
    List<CborMap> damaged = new ArrayList<>();
    damaged.add(without(good, Ctap2State.DEVICE_SECRET));
    damaged.add(with(good, Ctap2State.DEVICE_SECRET, Bytes.of(new byte[5])));
    damaged.add(with(good, Ctap2State.VERSION, 2L));
    damaged.add(with(good, Ctap2State.PIN_RETRIES, 9L));
    damaged.add(with(good, Ctap2State.CREDENTIALS, List.of("x")));
    damaged.add(with(good, Ctap2State.PIN_HASH, Bytes.of(new byte[3])));
    for (CborMap map : damaged) {
      assertThatThrownBy(() -> Ctap2State.fromCbor(map, 25)).isInstanceOf(CborException.class);
    }
  }

  private static CborMap without(CborMap map, String key) {
    CborMap.Builder builder = CborMap.builder();
    map.asMap()
        .forEach(
            (k, v) -> {
              if (!k.equals(key)) {
                builder.put(k, v);
              }
            });
    return builder.build();
  }

  private static CborMap with(CborMap map, String key, Object value) {
    CborMap.Builder builder = CborMap.builder();
    map.asMap().forEach(builder::put);
    return builder.put(key, value).build();
  }
}
