package io.keydesk.ctap2;

import static io.keydesk.testing.FuzzContract.returnsOrThrows;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapDevice;
import io.keydesk.hid.KeepaliveListener;
import io.keydesk.hid.TransportException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzzes the parsing of CTAP2 responses from a key (DESIGN.md testing tier 8): the status byte and
 * CBOR of getInfo, makeCredential, getAssertion, getNextAssertion and the clientPin subcommands
 * (including the key's COSE key agreement and the encrypted PIN token). Each input's first byte
 * picks the command, the next two the length of the key's first answer (big-endian); the rest is
 * its first answer and, for the PIN token commands, its second. A malformed answer must be a {@link
 * CtapException} (or a {@link TransportException}), never an unexpected runtime exception. Seeds:
 * {@code src/test/resources/io/keydesk/ctap2/Ctap2ResponseFuzzTestInputs/<method>/}.
 */
class Ctap2ResponseFuzzTest {
  private static final Bytes HASH = Bytes.of(new byte[32]);

  @FuzzTest
  void responsesParseOrFailTyped(byte[] data) throws Throwable {
    if (data.length < 3) {
      return;
    }
    int operation = (data[0] & 0xFF) % 9;
    int split = Math.min(3 + (((data[1] & 0xFF) << 8) | (data[2] & 0xFF)), data.length);
    byte[] first = Arrays.copyOfRange(data, 3, split);
    byte[] second = Arrays.copyOfRange(data, split, data.length);
    FuzzedKey key = new FuzzedKey(first, second);
    Ctap2 ctap2 = new Ctap2(key);
    PinProtocol protocol = PinProtocol.of(operation % 2 + 1).orElseThrow();
    ClientPin pin = new ClientPin(ctap2.channel(), protocol, PinRules.DEFAULT);
    Object parsed =
        returnsOrThrows(
            () ->
                switch (operation) {
                  case 0 -> ctap2.getInfo();
                  case 1 -> ctap2.makeCredential(makeCredential(), CancelToken.none(), s -> {});
                  case 2 -> ctap2.getAssertion(getAssertion(), CancelToken.none(), s -> {});
                  case 3 -> ctap2.getNextAssertion();
                  case 4 -> pin.getPinRetries();
                  case 5 -> pin.getUvRetries();
                  case 6 -> pin.getKeyAgreement();
                  case 7 -> pin.getPinToken("1234".toCharArray());
                  default ->
                      pin.getPinUvAuthTokenUsingPinWithPermissions(
                          "1234".toCharArray(),
                          Set.of(Permission.GET_ASSERTION),
                          Optional.of("a.example"));
                },
            CtapException.class,
            TransportException.class);
    // What was read survives encoding (as the software authenticator sends it) and a second read.
    if (parsed instanceof Info info) {
      assertThat(Info.fromCbor(wire(info.toCbor()))).isEqualTo(info);
    } else if (parsed instanceof MakeCredentialResponse response) {
      assertThat(MakeCredentialResponse.fromCbor(wire(response.toCbor()))).isEqualTo(response);
    } else if (parsed instanceof GetAssertionResponse response) {
      assertThat(GetAssertionResponse.fromCbor(wire(response.toCbor()))).isEqualTo(response);
    }
  }

  private static CborMap wire(CborMap map) throws CborException {
    return Cbor.decodeMap(Cbor.encode(map));
  }

  private static MakeCredentialRequest makeCredential() {
    return MakeCredentialRequest.builder(
            HASH,
            new RpEntity("a.example", "A"),
            new UserEntity(
                Bytes.of(new byte[] {1}), Optional.of("u"), Optional.of("U"), Optional.empty()),
            List.of(CredentialParameters.publicKey(CredentialParameters.ES256)))
        .build();
  }

  private static GetAssertionRequest getAssertion() {
    return GetAssertionRequest.builder("a.example", HASH).build();
  }

  /** A key whose answers are the fuzzer's bytes, in order; then it is gone. */
  private static final class FuzzedKey implements CtapDevice {
    private final Deque<byte[]> answers = new ArrayDeque<>();

    FuzzedKey(byte[]... answers) {
      this.answers.addAll(List.of(answers));
    }

    @Override
    public byte[] call(int command, byte[] payload, CancelToken cancel, KeepaliveListener keepalive)
        throws TransportException {
      if (answers.isEmpty()) {
        throw new TransportException("the fuzzed key has no more answers");
      }
      return answers.removeFirst();
    }

    @Override
    public String describe() {
      return "fuzzed key";
    }

    @Override
    public void close() {}
  }
}
