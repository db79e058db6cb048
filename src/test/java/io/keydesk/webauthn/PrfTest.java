package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.cbor.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrfTest {
  /** Expected values computed with coreutils: printf 'WebAuthn PRF\x00...' | sha256sum. */
  @Test
  void saltIsSha256OfTheContextNulAndInput() {
    assertThat(Prf.salt(Bytes.empty()).hex())
        .isEqualTo("6a7e64b2aa34c92736143a062fa149aff1bd8bb3f7ee6f346885481f9414a3d3");
    assertThat(Prf.salt(Bytes.of("hello".getBytes(StandardCharsets.US_ASCII))).hex())
        .isEqualTo("0548f3025671e73beab092b1ac870ddd33a0d925e193eca79ba8358919b73cdc");
  }
}
