package io.keydesk.ctap2;

import static io.keydesk.ctap2.PinVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.hid.CancelToken;
import io.keydesk.hid.CtapHidCommand;
import io.keydesk.hid.KeepaliveListener;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ClientPin against a fake authenticator built on the same protocol classes. */
class ClientPinTest {
  /** Expected request bytes, from pin_vectors.py (independent CBOR and crypto). */
  record Vectors(
      String name,
      Supplier<PinProtocol> platformProtocol,
      Supplier<PinProtocol> authenticatorProtocol,
      String getPinRetries,
      String getKeyAgreement,
      String getUvRetries,
      String setPin,
      String changePin,
      String getPinToken,
      String tokenWithPin,
      String tokenWithUv,
      Bytes tokenParam) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vectors> vectors() {
    return Stream.of(
        new Vectors(
            "protocol 1",
            PinProtocolV1::new,
            PinProtocolV1::new,
            "06a201010201",
            "06a201010202",
            "06a201010207",
            "06a50101020303a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f904505119f54dee77c116c0db1b6676656a050558405bf434b3a3d6db199f6058af042023d9e7f9"
                + "fe63874789ba1f1a940584f6bffedf16c349c39ef288013cfbaf45cc1ef59789f8b0268a4b8c84db88"
                + "c98d66f5a7",
            "06a60101020403a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f9045026fea4127cc5ac96f1d16e25b2b526be0558409ac5eafc8862762da3b9a5700e2afa19ee62"
                + "faca250a577530e336c7ac9ed081ec281c04231043d62ee997b57ae9e83033ae780206479dfc56db6e"
                + "c76d0f182a0650cefdfb26b5988b7dac4243a983709e40",
            "06a40101020503a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f90650cefdfb26b5988b7dac4243a983709e40",
            "06a60101020903a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f90650cefdfb26b5988b7dac4243a983709e4009030a6b6578616d706c652e636f6d",
            "06a40101020603a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f90904",
            V1_TOKEN_PARAM),
        new Vectors(
            "protocol 2",
            PinVectors::v2WithCountingIvs,
            PinVectors::v2WithAuthenticatorIv,
            "06a201020201",
            "06a201020202",
            "06a201020207",
            "06a50102020303a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f9045820a387206675288fc03a71960da345a8ca007ce510014f58f21a1fa23eb180395505585011"
                + "111111111111111111111111111111837fd7463a6fcf60893f269283674d3d0d08a8e713cad7b3a795"
                + "4a1567653464d850161870e314f1eb0e6c6a0631c1af4fa9ef782601e9412dbe630dcc890080",
            "06a60102020403a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f9045820bcf83d665f306a3a5eb9e4a43a8ad2e84f595e032dc055be12a5590adb769f4505585011"
                + "11111111111111111111111111111105de319b2695fe23998634a00596fb02ad9462fc8dc2655a1eb2"
                + "fe586381e4a18ba645b2e4823b0b9cea953be26d4c7fad87a837c3cac9151de40d66c417d7ca065820"
                + "22222222222222222222222222222222cb17ac633d0ff6a2c59f32101f97f9dd",
            "06a40102020503a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f9065820111111111111111111111111111111118ee9a8a3f720147a8a6591c23c757083",
            "06a60102020903a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f9065820111111111111111111111111111111118ee9a8a3f720147a8a6591c23c75708309030a6b"
                + "6578616d706c652e636f6d",
            "06a40102020603a50102033818200121582044d78d7989b97e62ea993496c9ef6e8fd58b8b00715f9a89"
                + "153ddd9c4657e47f225820ec802ee7d22bd4e100f12e48537eb4e7e96ed3a47a0a3bd5f5eeab650016"
                + "64f90904",
            V2_TOKEN_PARAM));
  }

  private static final String KEY_AGREEMENT_RESPONSE =
      "00a101a5010203381820012158201cc2bc7e8a005a97fd7d112c22d583ae25a74392ac7f467718b1480d2f21"
          + "45c922582065c496d03a1f6abd9a98e7064b0a0d5823a62300122e5d4927074a5e20f26b4c";

  private FakePinAuthenticator key;
  private ClientPin client;

  private void connect(Vectors v) {
    key = new FakePinAuthenticator(v.authenticatorProtocol().get(), authenticatorKey(), TOKEN);
    client =
        new ClientPin(
            new CtapChannel(key),
            v.platformProtocol().get(),
            PinRules.DEFAULT,
            PinVectors::platformKey);
  }

  private void connectWithPin(Vectors v, String pin) {
    connect(v);
    key.pinHash = Pin.hash(pin.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Bytes> hex(String... requests) {
    return Stream.of(requests).map(Bytes::fromHex).toList();
  }

  // ---- byte-exact requests ----

  @ParameterizedTest
  @MethodSource("vectors")
  void retriesAndKeyAgreementRequests(Vectors v) throws Exception {
    connect(v);
    assertThat(client.getPinRetries()).isEqualTo(new PinRetries(8, Optional.of(false)));
    assertThat(client.getUvRetries()).isEqualTo(3);
    assertThat(client.getKeyAgreement()).isEqualTo(coseKey(AUTHENTICATOR_X, AUTHENTICATOR_Y));
    assertThat(key.requests)
        .containsExactlyElementsOf(hex(v.getPinRetries(), v.getUvRetries(), v.getKeyAgreement()));
    assertThat(
            Bytes.of(
                key.call(
                    CtapHidCommand.CBOR,
                    Bytes.fromHex(v.getKeyAgreement()).toArray(),
                    CancelToken.none(),
                    KeepaliveListener.NONE)))
        .isEqualTo(Bytes.fromHex(KEY_AGREEMENT_RESPONSE));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void setPinSendsTheKnownRequestAndTheKeyStoresThePin(Vectors v) throws Exception {
    connect(v);
    char[] pin = "1234".toCharArray();
    client.setPin(pin);
    assertThat(key.requests).containsExactlyElementsOf(hex(v.getKeyAgreement(), v.setPin()));
    assertThat(Bytes.of(key.pinHash)).isEqualTo(Bytes.fromHex("03ac674216f3e15c761ee1a5e255f067"));
    assertThat(pin).containsOnly('\0');
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void changePinSendsTheKnownRequest(Vectors v) throws Exception {
    connectWithPin(v, "1234");
    char[] current = "1234".toCharArray();
    char[] next = "4321".toCharArray();
    client.changePin(current, next);
    assertThat(key.requests).containsExactlyElementsOf(hex(v.getKeyAgreement(), v.changePin()));
    assertThat(key.pinHash).isEqualTo(Pin.hash("4321".getBytes(StandardCharsets.UTF_8)));
    assertThat(current).containsOnly('\0');
    assertThat(next).containsOnly('\0');
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void getPinTokenSendsTheKnownRequestAndDecryptsTheToken(Vectors v) throws Exception {
    connectWithPin(v, "1234");
    char[] pin = "1234".toCharArray();
    try (PinUvAuthToken token = client.getPinToken(pin)) {
      assertThat(key.requests).containsExactlyElementsOf(hex(v.getKeyAgreement(), v.getPinToken()));
      assertThat(Bytes.of(token.token())).isEqualTo(TOKEN);
      assertThat(token.permissions())
          .containsExactlyInAnyOrder(Permission.MAKE_CREDENTIAL, Permission.GET_ASSERTION);
      assertThat(token.rpId()).isEmpty();
      assertThat(Bytes.of(token.authenticate(CLIENT_DATA_HASH.toArray())))
          .isEqualTo(v.tokenParam());
    }
    assertThat(pin).containsOnly('\0');
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void tokenWithPinAndPermissionsSendsTheKnownRequest(Vectors v) throws Exception {
    connectWithPin(v, "1234");
    PinUvAuthToken token =
        client.getPinUvAuthTokenUsingPinWithPermissions(
            "1234".toCharArray(),
            EnumSet.of(Permission.MAKE_CREDENTIAL, Permission.GET_ASSERTION),
            Optional.of("example.com"));
    assertThat(key.requests).containsExactlyElementsOf(hex(v.getKeyAgreement(), v.tokenWithPin()));
    assertThat(token.rpId()).contains("example.com");
    assertThat(token.has(Permission.GET_ASSERTION)).isTrue();
    assertThat(token.has(Permission.CREDENTIAL_MANAGEMENT)).isFalse();
    assertThat(Bytes.of(token.token())).isEqualTo(TOKEN);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void tokenWithUvSendsTheKnownRequest(Vectors v) throws Exception {
    connectWithPin(v, "1234");
    PinUvAuthToken token =
        client.getPinUvAuthTokenUsingUvWithPermissions(
            EnumSet.of(Permission.CREDENTIAL_MANAGEMENT),
            Optional.empty(),
            CancelToken.none(),
            KeepaliveListener.NONE);
    assertThat(key.requests).containsExactlyElementsOf(hex(v.getKeyAgreement(), v.tokenWithUv()));
    assertThat(token.permissions()).containsExactly(Permission.CREDENTIAL_MANAGEMENT);
  }

  // ---- full flows with random keys (production defaults) ----

  @ParameterizedTest
  @MethodSource("vectors")
  void setChangeAndUnlockWithRandomKeys(Vectors v) throws Exception {
    PinProtocol protocol =
        v.platformProtocol().get() instanceof PinProtocolV1
            ? new PinProtocolV1()
            : new PinProtocolV2();
    key = new FakePinAuthenticator(protocol, KeyAgreementKey.generate(), TOKEN);
    client = ClientPin.create(new CtapChannel(key), List.of(protocol.version()), PinRules.DEFAULT);
    assertThat(client.protocol()).isEqualTo(protocol);
    client.setPin("\uD83D\uDE00caf\u00e9".toCharArray());
    // the same PIN typed in decomposed form unlocks the key
    client.changePin("\uD83D\uDE00cafe\u0301".toCharArray(), "987654".toCharArray());
    assertThat(Bytes.of(client.getPinToken("987654".toCharArray()).token())).isEqualTo(TOKEN);
  }

  // ---- errors ----

  @Test
  void wrongPinSaysHowManyTriesAreLeft() throws Exception {
    Vectors v = vectors().findFirst().orElseThrow();
    connectWithPin(v, "1234");
    char[] wrong = "9999".toCharArray();
    assertThatThrownBy(() -> client.getPinToken(wrong))
        .isInstanceOf(PinException.class)
        .hasMessage(
            "Wrong PIN. 7 tries left; after 3 wrong PINs in a row the key must be re-inserted.")
        .satisfies(
            e -> {
              assertThat(((PinException) e).retriesLeft()).contains(7);
              assertThat(((PinException) e).status()).isEqualTo(CtapStatus.PIN_INVALID);
            });
    assertThat(wrong).containsOnly('\0');
    // getKeyAgreement, getPinToken, then getPINRetries for the message
    assertThat(key.requests).hasSize(3);
    assertThat(key.requests.get(2)).isEqualTo(Bytes.fromHex(v.getPinRetries()));
  }

  @Test
  void thirdWrongPinInARowAsksForReinsertion() throws Exception {
    connectWithPin(vectors().findFirst().orElseThrow(), "1234");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.getPinToken("0000".toCharArray()))
          .hasMessageStartingWith("Wrong PIN.");
    }
    assertThatThrownBy(() -> client.getPinToken("0000".toCharArray()))
        .isInstanceOf(PinException.class)
        .hasMessage(
            "Too many wrong PINs in a row: remove the key, insert it again, and retry. The PIN is"
                + " not blocked yet, but every wrong PIN counts against its remaining tries.");
    assertThat(client.getPinRetries()).isEqualTo(new PinRetries(5, Optional.of(true)));
  }

  @Test
  void lastTryAndBlockedPinExplainTheReset() throws Exception {
    connectWithPin(vectors().findFirst().orElseThrow(), "1234");
    key.retries = 2;
    assertThatThrownBy(() -> client.getPinToken("0000".toCharArray()))
        .hasMessage(
            "Wrong PIN. 1 try left: one more wrong PIN blocks the PIN, and then only a reset of the"
                + " key unblocks it, and a reset erases every credential on it (you then register"
                + " the key again everywhere).");
    assertThatThrownBy(() -> client.getPinToken("0000".toCharArray()))
        .isInstanceOf(PinException.class)
        .hasMessage(
            "The PIN is blocked after too many wrong PINs: only a reset of the key unblocks it, and"
                + " a reset erases every credential on it (you then register the key again"
                + " everywhere).")
        .extracting(e -> ((PinException) e).retriesLeft())
        .isEqualTo(Optional.of(0));
  }

  @Test
  void noPinYet() {
    connect(vectors().findFirst().orElseThrow());
    assertThatThrownBy(() -> client.getPinToken("1234".toCharArray()))
        .isInstanceOf(PinException.class)
        .hasMessage("The key has no PIN yet. Set a PIN on it first, then try again.");
  }

  @Test
  void shortNewPinIsRefusedBeforeAnythingIsSent() {
    connect(vectors().findFirst().orElseThrow());
    char[] pin = "123".toCharArray();
    assertThatThrownBy(() -> client.setPin(pin))
        .isInstanceOf(PinException.class)
        .hasMessageStartingWith("The new PIN is too short: it has 3 characters");
    assertThat(key.requests).isEmpty();
    assertThat(pin).containsOnly('\0');
  }

  @Test
  void keyRefusingTheNewPinShowsItsRules() {
    connect(vectors().findFirst().orElseThrow());
    key.minLength = 8; // stricter than the rules ClientPin was told
    assertThatThrownBy(() -> client.setPin("123456".toCharArray()))
        .isInstanceOf(PinException.class)
        .hasMessage(
            "The key does not accept this PIN. It needs at least 4 characters and at most 63 bytes"
                + " (digits and Latin letters take 1 byte each, most other characters 2 to 4), and"
                + " some keys also refuse PINs that are too easy to guess (such as 123456 or"
                + " 1111). Choose another PIN.");
  }

  @Test
  void forcedPinChangeSaysToChangeThePin() {
    connectWithPin(vectors().findFirst().orElseThrow(), "1234");
    key.forcePinChange = true;
    assertThatThrownBy(
            () ->
                client.getPinUvAuthTokenUsingPinWithPermissions(
                    "1234".toCharArray(),
                    Set.of(Permission.CREDENTIAL_MANAGEMENT),
                    Optional.empty()))
        .hasMessageStartingWith("The key requires a new PIN before it can be used")
        .isInstanceOfSatisfying(
            PinException.class, e -> assertThat(e.pinChangeRequired()).isTrue());
  }

  @Test
  void tokenForUsesPermissionsOnlyOnKeysThatSupportThem() throws Exception {
    connectWithPin(vectors().findFirst().orElseThrow(), "1234");
    Bytes aaguid = Bytes.of(new byte[16]);
    Info ctap21 =
        Info.builder(List.of(Info.FIDO_2_0, Info.FIDO_2_1), aaguid)
            .options(java.util.Map.of(Info.OPTION_PIN_UV_AUTH_TOKEN, true))
            .build();
    Info ctap20 = Info.builder(List.of(Info.FIDO_2_0), aaguid).build();

    client.tokenFor(
        ctap21, "1234".toCharArray(), Set.of(Permission.GET_ASSERTION), Optional.of("example.com"));
    assertThat(key.lastPermissions).isEqualTo(Bytes.of(new byte[] {0x02}));
    assertThat(key.lastRpId).contains("example.com");

    char[] pin = "1234".toCharArray();
    client.tokenFor(ctap20, pin, Set.of(Permission.GET_ASSERTION), Optional.of("example.com"));
    assertThat(key.lastPermissions).as("getPinToken carries no permissions").isNull();
    assertThat(key.lastRpId).isEmpty();
    assertThat(pin).containsOnly('\0');
  }

  @Test
  void onlyTheForcedChangeCarriesTheFlag() {
    assertThat(PinException.changeRequired().pinChangeRequired()).isTrue();
    assertThat(PinException.newPinRefused(PinRules.DEFAULT).pinChangeRequired()).isFalse();
    assertThat(PinException.policyViolation("The key requires a new PIN").pinChangeRequired())
        .isFalse();
    assertThat(PinException.wrongPin(Optional.of(3)).pinChangeRequired()).isFalse();
  }

  @Test
  void failedFingerprintSaysHowManyTriesAreLeft() {
    connectWithPin(vectors().findFirst().orElseThrow(), "1234");
    key.uvRetries = 2;
    key.scriptedFailures.add(CtapStatus.UV_INVALID);
    assertThatThrownBy(
            () ->
                client.getPinUvAuthTokenUsingUvWithPermissions(
                    Set.of(Permission.BIO_ENROLLMENT),
                    Optional.empty(),
                    CancelToken.none(),
                    KeepaliveListener.NONE))
        .isInstanceOf(PinException.class)
        .hasMessage(
            "Your fingerprint was not recognised. 2 tries left; after that, unlock the key with"
                + " your PIN.")
        .extracting(e -> ((PinException) e).retriesLeft())
        .isEqualTo(Optional.of(2));
  }

  @Test
  void otherStatusesKeepTheirMeaning() {
    connectWithPin(vectors().findFirst().orElseThrow(), "1234");
    key.scriptedFailures.add(CtapStatus.PUAT_REQUIRED);
    assertThatThrownBy(() -> client.getPinToken("1234".toCharArray()))
        .isInstanceOf(PinException.class)
        .hasMessageStartingWith("The key requires your PIN (or fingerprint) for this.");
    key.scriptedFailures.add(CtapStatus.OPERATION_DENIED);
    assertThatThrownBy(() -> client.getPinToken("1234".toCharArray()))
        .isExactlyInstanceOf(CtapException.class)
        .hasMessage(CtapStatus.OPERATION_DENIED.message());
  }

  @Test
  void permissionsAreChecked() {
    connectWithPin(vectors().findFirst().orElseThrow(), "1234");
    char[] pin = "1234".toCharArray();
    assertThatThrownBy(
            () ->
                client.getPinUvAuthTokenUsingPinWithPermissions(
                    pin, Set.of(Permission.GET_ASSERTION), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the ga permission needs an RP ID");
    assertThat(pin).containsOnly('\0');
    assertThatThrownBy(
            () ->
                client.getPinUvAuthTokenUsingPinWithPermissions(
                    "1234".toCharArray(), Set.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(key.requests).isEmpty();
  }

  @Test
  void noCommonProtocol() {
    assertThatThrownBy(
            () -> ClientPin.create(new CtapChannel(key()), List.of(3L), PinRules.DEFAULT))
        .isInstanceOf(CtapException.class)
        .hasMessage(
            "The key offers PIN protocols [3] but KeyDesk knows only 1 and 2; the key's PIN cannot"
                + " be used from KeyDesk. Check for a KeyDesk update.");
  }

  @Test
  void tokenIsZeroableAndNeverPrinted() {
    PinUvAuthToken token =
        new PinUvAuthToken(
            new PinProtocolV2(),
            TOKEN.toArray(),
            Set.of(Permission.GET_ASSERTION),
            Optional.of("example.com"));
    assertThat(token.toString())
        .isEqualTo(
            "PinUvAuthToken[protocol=2, permissions=[GET_ASSERTION], rpId=example.com,"
                + " token=<redacted>]");
    byte[] copy = token.token();
    copy[0] = 0;
    assertThat(Bytes.of(token.token())).isEqualTo(TOKEN);
    token.close();
    assertThat(token.token()).containsOnly(0);
    assertThat(token.isClosed()).isTrue();
    assertThatThrownBy(() -> token.authenticate(new byte[32]))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                new PinUvAuthToken(
                    new PinProtocolV2(),
                    new byte[16],
                    Set.of(Permission.GET_ASSERTION),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void permissionBits() {
    assertThat(Permission.toBits(EnumSet.allOf(Permission.class))).isEqualTo(0x7F);
    assertThat(Permission.fromBits(0x21))
        .containsExactlyInAnyOrder(Permission.MAKE_CREDENTIAL, Permission.AUTHENTICATOR_CONFIG);
    assertThat(Permission.LARGE_BLOB_WRITE.bit()).isEqualTo(0x10);
    assertThat(Permission.BIO_ENROLLMENT.abbreviation()).isEqualTo("be");
  }

  private static FakePinAuthenticator key() {
    return new FakePinAuthenticator(new PinProtocolV1(), authenticatorKey(), TOKEN);
  }
}
