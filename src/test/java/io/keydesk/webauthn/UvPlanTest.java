package io.keydesk.webauthn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keydesk.cbor.Bytes;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinProtocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UvPlanTest {
  /** Options as "name=value" pairs separated by spaces; "-" for none. */
  private static Info info(String options, String protocols, boolean v21) {
    Map<String, Boolean> map = new HashMap<>();
    if (!options.equals("-")) {
      for (String pair : options.split(" ")) {
        String[] kv = pair.split("=");
        map.put(kv[0], Boolean.parseBoolean(kv[1]));
      }
    }
    List<Integer> list =
        protocols.equals("-")
            ? List.of()
            : java.util.Arrays.stream(protocols.split(" ")).map(Integer::parseInt).toList();
    return Info.builder(
            v21 ? List.of(Info.FIDO_2_0, Info.FIDO_2_1) : List.of(Info.FIDO_2_0),
            Bytes.of(new byte[16]))
        .options(map)
        .pinUvAuthProtocols(list)
        .build();
  }

  @ParameterizedTest(name = "[{0}] {1} mc={2} -> {3} v{4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // No PIN support at all: preferred and discouraged need nothing.
        "- | preferred | true | NONE | 0",
        "- | discouraged | true | NONE | 0",
        // PIN supported but not set: preferred goes without UV.
        "clientPin=false | preferred | false | NONE | 0",
        "clientPin=false | preferred | true | NONE | 0",
        // PIN set: preferred uses it; discouraged does not on get...
        "clientPin=true | preferred | false | PIN | 2",
        "clientPin=true | discouraged | false | NONE | 0",
        // ...but does on makeCredential unless makeCredUvNotRqd.
        "clientPin=true | discouraged | true | PIN | 2",
        "clientPin=true makeCredUvNotRqd=true | discouraged | true | NONE | 0",
        "clientPin=true makeCredUvNotRqd=true | required | true | PIN | 2",
        // alwaysUv forces it even when discouraged.
        "clientPin=true alwaysUv=true makeCredUvNotRqd=true | discouraged | false | PIN | 2",
        // Built-in UV first: token on 2.1 keys, the uv option on 2.0 keys.
        "uv=true clientPin=true pinUvAuthToken=true | preferred | false | UV_TOKEN | 2",
        "uv=true clientPin=true | required | false | UV_OPTION | 0",
        // UV supported but not enrolled, PIN set: the PIN.
        "uv=false clientPin=true pinUvAuthToken=true | required | false | PIN | 2",
        // bioEnroll alone counts as support for preferred, but nothing is configured.
        "bioEnroll=false | preferred | false | NONE | 0",
      })
  void decides(String options, String requirement, boolean mc, String method, int protocol)
      throws Exception {
    UvPlan plan = UvPlan.decide(info(options, "2 1", true), requirement, mc);
    assertThat(plan.method()).isEqualTo(UvPlan.Method.valueOf(method));
    assertThat(plan.protocol().map(PinProtocol::version).orElse(0)).isEqualTo(protocol);
  }

  @ParameterizedTest(name = "protocols [{0}] -> {1}")
  @CsvSource({"2 1, 2", "1 2, 2", "1, 1", "-, 1"})
  void protocolIsTheFirstOfTwoThenOne(String offered, int chosen) throws Exception {
    UvPlan plan = UvPlan.decide(info("clientPin=true", offered, false), "required", false);
    assertThat(plan.protocol().orElseThrow().version()).isEqualTo(chosen);
  }

  @ParameterizedTest
  @CsvSource({"required, - ", "required, clientPin=false", "discouraged, alwaysUv=true"})
  void requiredWithoutAnyVerificationIsAConstraintError(String requirement, String options) {
    assertThatThrownBy(() -> UvPlan.decide(info(options, "2", true), requirement, false))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessageContaining("the key has no PIN and no fingerprint set up. Set a PIN")
        .extracting(e -> ((WebAuthnClientException) e).code())
        .isEqualTo(WebAuthnClientException.Code.CONSTRAINT_ERROR);
  }

  @org.junit.jupiter.api.Test
  void unknownProtocolsAreNotSupported() {
    assertThatThrownBy(() -> UvPlan.decide(info("clientPin=true", "3", true), "required", false))
        .isInstanceOf(WebAuthnClientException.class)
        .hasMessage(
            "The key offers PIN protocols [3] but KeyDesk knows only 1 and 2. Check for a KeyDesk"
                + " update.");
  }
}
