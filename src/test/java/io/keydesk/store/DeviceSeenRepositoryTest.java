package io.keydesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceSeenRepositoryTest {
  private static final UUID YUBIKEY = UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8");
  private static final UUID SOLO = UUID.fromString("8876631b-d4a0-427f-5773-0ec71c9e0279");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(CacheTestTime.T0);
  private CacheDatabase db;
  private DeviceSeenRepository devices;

  @BeforeEach
  void open() {
    db = CacheDatabase.open(dir.resolve("keydesk.db"), clock);
    devices = db.devicesSeen();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void firstSightingInsertsLaterOnesUpdateButKeepFirstSeen() {
    DeviceIdentity key = DeviceIdentity.bySerial(YUBIKEY, "23456789");
    DeviceSeen first = devices.seen(key, "YubiKey 5 NFC", Optional.of("5.4.3"));
    assertThat(first.firstSeen()).isEqualTo(CacheTestTime.T0);
    assertThat(first.lastSeen()).isEqualTo(CacheTestTime.T0);

    clock.advance(Duration.ofDays(3));
    DeviceSeen again = devices.seen(key, "YubiKey 5 NFC", Optional.of("5.7.1"));

    assertThat(again)
        .isEqualTo(
            new DeviceSeen(
                first.id(),
                key,
                "YubiKey 5 NFC",
                Optional.of("5.7.1"),
                CacheTestTime.T0,
                CacheTestTime.T0.plus(Duration.ofDays(3))));
    assertThat(devices.list()).containsExactly(again);
    assertThat(devices.find(key)).contains(again);
  }

  @Test
  void theSerialIdentifiesAKeyWhateverPathItIsPluggedInto() {
    DeviceIdentity atFirstPort =
        new DeviceIdentity(YUBIKEY, Optional.of("111"), Optional.of("/dev/hidraw3"));
    DeviceIdentity atSecondPort =
        new DeviceIdentity(YUBIKEY, Optional.of("111"), Optional.of("/dev/hidraw7"));
    devices.seen(atFirstPort, "YubiKey 5", Optional.empty());
    DeviceSeen moved = devices.seen(atSecondPort, "YubiKey 5", Optional.empty());
    assertThat(devices.list()).containsExactly(moved);
    assertThat(moved.identity().hidPath()).contains("/dev/hidraw7");
  }

  @Test
  void withoutASerialAaguidAndPathIdentifyIt() {
    devices.seen(DeviceIdentity.byPath(SOLO, "/dev/hidraw1"), "Solo", Optional.empty());
    clock.advance(Duration.ofMinutes(1));
    devices.seen(DeviceIdentity.byPath(SOLO, "/dev/hidraw2"), "Solo", Optional.empty());
    clock.advance(Duration.ofMinutes(1));
    devices.seen(DeviceIdentity.byPath(YUBIKEY, "/dev/hidraw1"), "YubiKey", Optional.empty());

    assertThat(devices.list()) // most recently seen first
        .extracting(d -> d.name() + "@" + d.identity().hidPath().orElseThrow())
        .containsExactly("YubiKey@/dev/hidraw1", "Solo@/dev/hidraw2", "Solo@/dev/hidraw1");
    assertThat(devices.find(DeviceIdentity.byPath(SOLO, "/dev/hidraw9"))).isEmpty();
  }

  @Test
  void anIdentityNeedsASerialOrAPath() {
    assertThatThrownBy(() -> new DeviceIdentity(SOLO, Optional.of(" "), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a device is identified by a serial number or HID path");
  }
}
