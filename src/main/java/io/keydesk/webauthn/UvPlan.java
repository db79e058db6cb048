package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.CONSTRAINT_ERROR;
import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_SUPPORTED;

import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.PinProtocol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a ceremony verifies the user on one key (WebAuthn L3 §5.1.3 step 22 / §5.1.4.2, CTAP 2.1
 * section 6.1.1 and 6.2.1; the rules of docs/webauthn-client.md "PIN / UV choice"):
 *
 * <ul>
 *   <li>UV is used when the RP says "required"; when it says "preferred" (or nothing) and the key
 *       supports uv, clientPin or bioEnroll; when the key has alwaysUv; and on makeCredential when
 *       the key is protected (PIN or built-in UV configured) and lacks makeCredUvNotRqd.
 *   <li>Built-in UV first (a pinUvAuthToken through getPinUvAuthTokenUsingUvWithPermissions on keys
 *       with the pinUvAuthToken option, else the uv option of the request), else the PIN.
 *   <li>PIN/UV auth protocol: the first of [2, 1] the key lists (1 when it lists none, as CTAP 2.0
 *       keys may).
 * </ul>
 *
 * @param method how to verify
 * @param protocol the PIN/UV auth protocol for {@link Method#PIN} and {@link Method#UV_TOKEN}
 */
public record UvPlan(Method method, Optional<PinProtocol> protocol) {
  public enum Method {
    /** No user verification. */
    NONE,
    /** The request's uv option: the key verifies by itself (CTAP 2.0 built-in UV). */
    UV_OPTION,
    /** A pinUvAuthToken from getPinUvAuthTokenUsingUvWithPermissions (CTAP 2.1). */
    UV_TOKEN,
    /** A pinUvAuthToken from the PIN. */
    PIN
  }

  public static final UvPlan NONE = new UvPlan(Method.NONE, Optional.empty());

  public UvPlan {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(protocol, "protocol");
    if ((method == Method.PIN || method == Method.UV_TOKEN) && protocol.isEmpty()) {
      throw new IllegalArgumentException(method + " needs a PIN/UV auth protocol");
    }
  }

  public boolean verifies() {
    return method != Method.NONE;
  }

  /**
   * The plan for {@code info} under the RP's effective userVerification requirement.
   *
   * @throws WebAuthnClientException CONSTRAINT_ERROR when verification is required but the key has
   *     neither a PIN nor built-in UV set up; NOT_SUPPORTED when it offers no PIN protocol KeyDesk
   *     knows
   */
  public static UvPlan decide(Info info, String userVerification, boolean makeCredential)
      throws WebAuthnClientException {
    boolean uvConfigured = info.isUvConfigured().orElse(false);
    boolean pinSet = info.isPinSet().orElse(false);
    boolean configured = uvConfigured || pinSet;
    boolean supported =
        info.options().containsKey(Info.OPTION_UV)
            || info.options().containsKey(Info.OPTION_CLIENT_PIN)
            || info.options().containsKey(Info.OPTION_BIO_ENROLL);
    boolean alwaysUv = info.isOptionEnabled(Info.OPTION_ALWAYS_UV);
    boolean required = userVerification.equals(AuthenticatorSelectionCriteria.REQUIRED);
    boolean preferred = userVerification.equals(AuthenticatorSelectionCriteria.PREFERRED);
    boolean want =
        required
            || (preferred && supported)
            || alwaysUv
            || (makeCredential
                && configured
                && !info.isOptionEnabled(Info.OPTION_MAKE_CRED_UV_NOT_RQD));
    if (!want) {
      return NONE;
    }
    if (!configured) {
      if (required || alwaysUv) {
        throw new WebAuthnClientException(
            CONSTRAINT_ERROR,
            (required ? "The site requires" : "This key always requires")
                + " user verification, but the key has no PIN and no fingerprint set up. Set a"
                + " PIN on the key (keydesk pin set) and try again.");
      }
      return NONE;
    }
    if (uvConfigured && !info.isOptionEnabled(Info.OPTION_PIN_UV_AUTH_TOKEN)) {
      return new UvPlan(Method.UV_OPTION, Optional.empty());
    }
    PinProtocol protocol = protocol(info);
    return new UvPlan(uvConfigured ? Method.UV_TOKEN : Method.PIN, Optional.of(protocol));
  }

  /** The plan that uses the PIN, for the fall-backs (UV blocked, UV declined). */
  public static UvPlan pin(Info info) throws WebAuthnClientException {
    return new UvPlan(Method.PIN, Optional.of(protocol(info)));
  }

  static PinProtocol protocol(Info info) throws WebAuthnClientException {
    List<Integer> offered =
        info.pinUvAuthProtocols().isEmpty() ? List.of(1) : info.pinUvAuthProtocols();
    return PinProtocol.choose(offered)
        .orElseThrow(
            () ->
                new WebAuthnClientException(
                    NOT_SUPPORTED,
                    "The key offers PIN protocols "
                        + offered
                        + " but KeyDesk knows only 1 and 2. Check for a KeyDesk update."));
  }
}
