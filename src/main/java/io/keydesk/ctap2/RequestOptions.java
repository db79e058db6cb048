package io.keydesk.ctap2;

import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code options} parameter of makeCredential (rk, up, uv; CTAP 2.1 section 6.1) and
 * getAssertion (up, uv; section 6.2). Each is absent unless the platform sets it, and the
 * authenticator applies its default. rk is carried for getAssertion too, because an authenticator
 * must answer it there with CTAP2_ERR_UNSUPPORTED_OPTION rather than ignore it.
 */
public record RequestOptions(Optional<Boolean> rk, Optional<Boolean> up, Optional<Boolean> uv) {
  public static final String RK = "rk";
  public static final String UP = "up";
  public static final String UV = "uv";

  private static final RequestOptions NONE =
      new RequestOptions(Optional.empty(), Optional.empty(), Optional.empty());

  public RequestOptions {
    Objects.requireNonNull(rk, "rk");
    Objects.requireNonNull(up, "up");
    Objects.requireNonNull(uv, "uv");
  }

  public static RequestOptions none() {
    return NONE;
  }

  public RequestOptions withRk(boolean value) {
    return new RequestOptions(Optional.of(value), up, uv);
  }

  public RequestOptions withUp(boolean value) {
    return new RequestOptions(rk, Optional.of(value), uv);
  }

  public RequestOptions withUv(boolean value) {
    return new RequestOptions(rk, up, Optional.of(value));
  }

  public boolean isEmpty() {
    return rk.isEmpty() && up.isEmpty() && uv.isEmpty();
  }

  public CborMap toCbor() {
    return CborMap.builder().putIfPresent(RK, rk).putIfPresent(UP, up).putIfPresent(UV, uv).build();
  }

  /** Reads the options map; unknown options are ignored as CTAP 2.1 section 6.1 step 5 allows. */
  public static RequestOptions fromCbor(CborMap map) throws CborException {
    return new RequestOptions(map.optBoolean(RK), map.optBoolean(UP), map.optBoolean(UV));
  }
}
