package io.keydesk.ctap2;

import static io.keydesk.ctap2.CtapSpecVectors.AAGUID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.KeepaliveListener;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResetAndSelectionTest {
  private final ScriptedCtapDevice device = new ScriptedCtapDevice();
  private final CtapChannel channel = new CtapChannel(device);

  @AfterEach
  void everyExpectedCallWasMade() {
    device.assertDone();
  }

  private static Info infoWithVersions(String... versions) {
    return Info.builder(List.of(versions), Bytes.fromHex(AAGUID)).build();
  }

  @Test
  void resetIsAlwaysSupported() {
    assertThat(Reset.isSupported(infoWithVersions("FIDO_2_0"))).isTrue();
  }

  @Test
  void resetSendsTheBareCommandByteAndPassesCancelAndKeepalive() throws Exception {
    device.expect("07", "00");
    CancelToken cancel = new CancelToken();
    KeepaliveListener keepalive = status -> {};

    new Reset(channel).reset(cancel, keepalive);

    assertThat(device.lastCancel).isSameAs(cancel);
    assertThat(device.lastKeepalive).isSameAs(keepalive);
  }

  @Test
  void resetOutsideThePowerUpWindowIsNotAllowed() {
    device.expect("07", "30");

    assertThatThrownBy(() -> new Reset(channel).reset(CancelToken.none(), KeepaliveListener.NONE))
        .isInstanceOf(CtapException.class)
        .extracting(e -> ((CtapException) e).status())
        .isEqualTo(CtapStatus.NOT_ALLOWED);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "FIDO_2_0, false",
    "U2F_V2, false",
    "FIDO_2_1_PRE, true",
    "FIDO_2_1, true",
    "FIDO_2_2, true"
  })
  void selectionNeedsCtap21(String version, boolean supported) {
    assertThat(Selection.isSupported(infoWithVersions("U2F_V2", version))).isEqualTo(supported);
  }

  @Test
  void selectSendsTheBareCommandByte() throws Exception {
    device.expect("0b", "00");

    new Selection(channel).select(CancelToken.none(), KeepaliveListener.NONE);
  }

  @Test
  void selectWithoutATouchTimesOut() {
    device.expect("0b", "2f");

    assertThatThrownBy(
            () -> new Selection(channel).select(CancelToken.none(), KeepaliveListener.NONE))
        .isInstanceOf(CtapException.class)
        .extracting(e -> ((CtapException) e).status())
        .isEqualTo(CtapStatus.USER_ACTION_TIMEOUT);
  }
}
