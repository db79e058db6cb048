package io.keydesk.realkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keydesk.app.DeviceSession;
import io.keydesk.hid.CtapHidCapability;
import io.keydesk.hid.CtapHidDevice;
import io.keydesk.hid.CtapHidFrames;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Read-only: CTAPHID PING and WINK (CTAP 2.1 sections 11.2.9.1.1 and 11.2.9.2.1). */
@RealKeyTest
class RealKeyHidTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Every boundary of CTAPHID fragmentation (empty, one init packet, one continuation, two) and the
   * key's maxMsgSize: each echo must be byte-identical.
   */
  @Test
  void pingEchoesEverySizeUpToMaxMsgSize(RealKey key) throws Exception {
    CtapHidDevice hid = key.openHid();
    try (DeviceSession session = DeviceSession.of(hid)) {
      int max = hid.maxMessageSize();
      assertThat(max)
          .isEqualTo(Math.min(session.info().maxMsgSizeOrDefault(), CtapHidFrames.MAX_MESSAGE));
      TreeSet<Integer> sizes = new TreeSet<>();
      int init = CtapHidFrames.INIT_DATA;
      int cont = CtapHidFrames.CONT_DATA;
      for (int size : new int[] {0, 1, init, init + 1, init + cont, init + cont + 1, 1024, max}) {
        if (size <= max) {
          sizes.add(size);
        }
      }
      List<Integer> echoed = new ArrayList<>();
      for (int size : sizes) {
        byte[] data = new byte[size];
        RANDOM.nextBytes(data);
        assertThat(hid.ping(data)).as("echo of %d bytes", size).isEqualTo(data);
        echoed.add(size);
      }
      assertThat(echoed).contains(max);
    }
  }

  @Test
  void winksWhenItSaysItCan(RealKey key) throws Exception {
    try (CtapHidDevice hid = key.openHid()) {
      assumeTrue(
          hid.supports(CtapHidCapability.WINK),
          "the key does not report the WINK capability in CTAPHID INIT");
      RealKey.say("The key should blink or light up now (CTAPHID_WINK).");
      hid.wink();
      // still answering afterwards
      assertThat(hid.ping(new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
    }
  }
}
