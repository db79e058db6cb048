package io.keydesk.mds;

import static io.keydesk.testing.FuzzContract.returnsOrThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Fuzzes the FIDO MDS3 BLOB reader (DESIGN.md testing tier 8): a downloaded or imported BLOB
 * verifies or fails with an {@link MdsException} with a message. The second target signs the
 * fuzzer's payload with a test PKI, so the payload parsing behind the signature is reached too.
 * Seeds: {@code src/test/resources/io/keydesk/mds/MdsBlobFuzzTestInputs/<method>/}.
 */
class MdsBlobFuzzTest {
  private static final TestBlobs.Pki PKI = pki();
  private static final MdsBlobVerifier VERIFIER =
      new MdsBlobVerifier(PKI.root(), Clock.fixed(TestBlobs.NOW, ZoneOffset.UTC));

  /** The whole BLOB (compact JWS) from the fuzzer; the signature seldom verifies. */
  @FuzzTest
  void blobVerifiesOrFailsTyped(byte[] data) throws Throwable {
    String blob = new String(data, StandardCharsets.UTF_8);
    returnsOrThrows(() -> VERIFIER.verify(blob), MdsException.class);
  }

  /** The payload JSON from the fuzzer, signed properly: the entries are parsed or refused. */
  @FuzzTest
  void signedPayloadParses(byte[] data) throws Throwable {
    String payload = new String(data, StandardCharsets.UTF_8);
    String blob = TestBlobs.sign(PKI.leafKey().getPrivate(), PKI.chain(), payload);
    returnsOrThrows(() -> VERIFIER.verify(blob), MdsException.class);
  }

  private static TestBlobs.Pki pki() {
    try {
      return TestBlobs.Pki.create("Fuzz", false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
