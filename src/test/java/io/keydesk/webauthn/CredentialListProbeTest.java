package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.Ctap2;
import io.keydesk.ctap2.GetAssertionRequest;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PublicKeyCredentialDescriptor;
import io.keydesk.hid.CancelToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CredentialListProbeTest {
  private static final Bytes AAGUID = Bytes.of(new byte[16]);

  private static Info info(int maxCount, int maxIdLength) {
    return Info.builder(List.of(Info.FIDO_2_0, Info.FIDO_2_1), AAGUID)
        .maxCredentialCountInList(maxCount)
        .maxCredentialIdLength(maxIdLength)
        .build();
  }

  private static List<PublicKeyCredentialDescriptor> ids(int count, int length) {
    List<PublicKeyCredentialDescriptor> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[length];
      id[0] = (byte) i;
      out.add(PublicKeyCredentialDescriptor.publicKey(Bytes.of(id)));
    }
    return out;
  }

  @Test
  void planDropsOverlongIdsAndChunksByTheKeysLimit() {
    List<PublicKeyCredentialDescriptor> list = new ArrayList<>(ids(50, 64));
    list.add(10, PublicKeyCredentialDescriptor.publicKey(Bytes.of(new byte[129])));
    List<List<PublicKeyCredentialDescriptor>> chunks = CredentialListProbe.plan(list, info(8, 128));
    assertThat(chunks).extracting(List::size).containsExactly(8, 8, 8, 8, 8, 8, 2);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(ids(50, 64));
  }

  @Test
  void planWithoutLimitsProbesOneAtATime() {
    Info bare = Info.builder(List.of(Info.FIDO_2_0), AAGUID).build();
    assertThat(CredentialListProbe.plan(ids(3, 16), bare))
        .extracting(List::size)
        .containsExactly(1, 1, 1);
  }

  @Test
  void fiftyIdsWithTheMatchInTheMiddleAgainstALimitOfEight() throws Exception {
    List<PublicKeyCredentialDescriptor> list = ids(50, 32);
    PublicKeyCredentialDescriptor match = list.get(25);
    FakeCtap2Device device = new FakeCtap2Device(info(8, 128), Set.of(match.id()));
    Optional<PublicKeyCredentialDescriptor> found =
        CredentialListProbe.find(
            new Ctap2(device),
            device.info,
            "example.com",
            list,
            Optional.empty(),
            CancelToken.none());
    assertThat(found).contains(match);
    // Chunks 0-7, 8-15, 16-23, then 24-31 holds index 25.
    assertThat(device.assertions).hasSize(4);
    for (GetAssertionRequest request : device.assertions) {
      assertThat(request.allowList()).hasSize(8);
      assertThat(request.options().up()).contains(false);
      assertThat(request.clientDataHash()).isEqualTo(Bytes.of(new byte[32]));
      assertThat(request.rpId()).isEqualTo("example.com");
    }
    assertThat(device.assertions.get(3).allowList()).isEqualTo(list.subList(24, 32));
  }

  @Test
  void requestTooLargeHalvesTheChunk() throws Exception {
    List<PublicKeyCredentialDescriptor> list = ids(8, 32);
    FakeCtap2Device device = new FakeCtap2Device(info(8, 128), Set.of(list.get(6).id()));
    device.tooLargeAbove = 3;
    Optional<PublicKeyCredentialDescriptor> found =
        CredentialListProbe.find(
            new Ctap2(device),
            device.info,
            "example.com",
            list,
            Optional.empty(),
            CancelToken.none());
    assertThat(found).contains(list.get(6));
    // 8 (too large) -> 4 (too large) -> 2, 2, 2 (no match) -> 2 (match at 6); the size sticks.
    assertThat(device.assertions)
        .extracting(r -> r.allowList().size())
        .containsExactly(8, 4, 2, 2, 2, 2);
  }

  @Test
  void noMatchGivesEmpty() throws Exception {
    FakeCtap2Device device = new FakeCtap2Device(info(8, 128), Set.of());
    assertThat(
            CredentialListProbe.find(
                new Ctap2(device),
                device.info,
                "example.com",
                ids(20, 16),
                Optional.empty(),
                CancelToken.none()))
        .isEmpty();
    assertThat(device.assertions).hasSize(3);
  }

  @Test
  void chunksHelper() {
    assertThat(CredentialListProbe.chunks(IntStream.range(0, 5).boxed().toList(), 2))
        .containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
  }
}
