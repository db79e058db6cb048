package io.keydesk.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.Cbor;
import io.keydesk.cbor.CborMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  private static final Bytes SECRET =
      Bytes.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  @TempDir Path dir;

  @Test
  void roundTripInTheVersionedCborFormat() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.cbor"));
    AuthenticatorState state = new AuthenticatorState(AuthenticatorState.KEYDESK_AAGUID, SECRET);
    file.save(state);
    assertThat(file.load()).contains(state);
    // {"aaguid": h'83d5...', "version": 1, "deviceSecret": h'0001...'} in canonical key order
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(file.path())))
        .isEqualTo(
            "a3"
                + "66616167756964"
                + "50"
                + "83d56a1a042a45e2ba464e6f5a3a1acd"
                + "6776657273696f6e"
                + "01"
                + "6c64657669636553656372657"
                + "4"
                + "5820"
                + SECRET.hex());
  }

  @Test
  void missingFileLoadsEmptyAndLoadOrCreateWritesIt() throws Exception {
    StateFile file = new StateFile(dir.resolve("sub/state.cbor"));
    assertThat(file.load()).isEmpty();
    AuthenticatorState created = file.loadOrCreate(AuthenticatorState::generate);
    assertThat(created.aaguid()).isEqualTo(AuthenticatorState.KEYDESK_AAGUID);
    assertThat(created.aaguidUuid())
        .isEqualTo(UUID.fromString("83d56a1a-042a-45e2-ba46-4e6f5a3a1acd"));
    assertThat(file.loadOrCreate(AuthenticatorState::generate)).isEqualTo(created);
    assertThat(created.toString()).doesNotContain(created.deviceSecret().hex());
  }

  @Test
  void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.cbor"));
    AuthenticatorState first = AuthenticatorState.generate();
    AuthenticatorState second = AuthenticatorState.generate();
    file.save(first);
    Object inodeBefore = Files.getAttribute(file.path(), "unix:ino");
    file.save(second);
    assertThat(file.load()).contains(second);
    // a rename, not an overwrite in place: the file is a new inode
    assertThat(Files.getAttribute(file.path(), "unix:ino")).isNotEqualTo(inodeBefore);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.cbor");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
  }

  @Test
  void damagedFileIsRefusedAndLeftAlone() throws Exception {
    Path path = dir.resolve("state.cbor");
    byte[] garbage = "not cbor at all".getBytes();
    Files.write(path, garbage);
    StateFile file = new StateFile(path);
    assertThatThrownBy(() -> file.loadOrCreate(AuthenticatorState::generate))
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith("The authenticator state file " + path + " is damaged (")
        .hasMessageContaining("move it aside");
    assertThat(Files.readAllBytes(path)).isEqualTo(garbage);
  }

  @Test
  void wrongMembersAreDamage() throws Exception {
    Path path = dir.resolve("state.cbor");
    Files.write(
        path,
        Cbor.encode(
            CborMap.builder()
                .put("version", 1L)
                .put("aaguid", "text")
                .put("deviceSecret", SECRET)
                .build()));
    assertThatThrownBy(() -> new StateFile(path).load())
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("is damaged (member aaguid should be Bytes but is String)");
    Files.write(
        path,
        Cbor.encode(
            CborMap.builder()
                .put("version", 1L)
                .put("aaguid", Bytes.of(new byte[3]))
                .put("deviceSecret", SECRET)
                .build()));
    assertThatThrownBy(() -> new StateFile(path).load())
        .hasMessageContaining("is damaged (the AAGUID must have 16 bytes)");
  }

  @Test
  void ctap2StateIsStoredAsVersion2() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.cbor"));
    CborMap ctap2 = CborMap.builder().put("signCount", 7L).build();
    AuthenticatorState state =
        new AuthenticatorState(AuthenticatorState.KEYDESK_AAGUID, SECRET).withCtap2(SECRET, ctap2);
    file.save(state);
    assertThat(file.load()).contains(state);
    assertThat(Cbor.decodeMap(Files.readAllBytes(file.path())).getLong("version")).isEqualTo(2);
  }

  @Test
  void newerFormatIsRefused() throws Exception {
    Path path = dir.resolve("state.cbor");
    long newer = StateFile.FORMAT_VERSION + 1;
    Files.write(path, Cbor.encode(CborMap.builder().put("version", newer).build()));
    assertThatThrownBy(() -> new StateFile(path).load())
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("has format version " + newer + ", written by a newer KeyDesk");
  }

  @Test
  void unreadableFileIsRefusedWithItsName() throws Exception {
    Path path = dir.resolve("state.cbor");
    Files.createDirectory(path); // reading a directory fails even for root
    StateFile file = new StateFile(path);
    assertThatThrownBy(file::load)
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith("Cannot read the authenticator state file " + path)
        .hasMessageContaining("move it aside");
    assertThat(Optional.of(Files.isDirectory(path))).contains(true);
  }
}
