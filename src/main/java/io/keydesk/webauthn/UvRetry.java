package io.keydesk.webauthn;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Info;

/**
 * The one retry each a CTAP2 ceremony gets with stronger user verification: with UV after
 * PUAT_REQUIRED (the key demands a pinUvAuthToken, CTAP 2.1 §6.1.2), and with the PIN after
 * UV_BLOCKED (built-in UV is blocked, CTAP 2.1 §6.5.5.7).
 */
final class UvRetry {
  private final Info info;
  private final boolean makeCredential;
  private boolean retriedWithUv;
  private boolean retriedWithPin;

  UvRetry(Info info, boolean makeCredential) {
    this.info = info;
    this.makeCredential = makeCredential;
  }

  /**
   * The plan to retry with after {@code e} failed a call made with {@code plan}.
   *
   * @throws CtapException {@code e} itself when no retry is left for it
   */
  UvPlan after(CtapException e, UvPlan plan) throws CtapException, WebAuthnClientException {
    if (e.status().equals(CtapStatus.PUAT_REQUIRED) && !plan.verifies() && !retriedWithUv) {
      retriedWithUv = true;
      return UvPlan.decide(info, AuthenticatorSelectionCriteria.REQUIRED, makeCredential);
    }
    if (e.status().equals(CtapStatus.UV_BLOCKED)
        && plan.method() == UvPlan.Method.UV_OPTION
        && info.isPinSet().orElse(false)
        && !retriedWithPin) {
      retriedWithPin = true;
      return UvPlan.pin(info);
    }
    throw e;
  }
}
