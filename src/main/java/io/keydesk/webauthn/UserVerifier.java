package io.keydesk.webauthn;

import static io.keydesk.webauthn.WebAuthnClientException.Code.NOT_ALLOWED;

import io.keydesk.ctap2.ClientPin;
import io.keydesk.ctap2.CtapChannel;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import io.keydesk.ctap2.Info;
import io.keydesk.ctap2.Permission;
import io.keydesk.ctap2.PinException;
import io.keydesk.ctap2.PinRetries;
import io.keydesk.ctap2.PinRules;
import io.keydesk.ctap2.PinUvAuthToken;
import io.keydesk.hid.TransportException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a pinUvAuthToken for a ceremony by the {@link UvPlan}'s method (CTAP 2.1 section 6.5.5.7):
 * built-in UV through getPinUvAuthTokenUsingUvWithPermissions, falling back to the PIN when the
 * user declines or UV is blocked; the PIN through getPinUvAuthTokenUsingPinWithPermissions (mc/ga
 * bound to the RP ID) on keys with the pinUvAuthToken option, else getPinToken (CTAP 2.0). A wrong
 * PIN is asked for again with the tries left; a blocked PIN or too many wrong PINs end the ceremony
 * with the key's advice.
 */
final class UserVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(UserVerifier.class);
  private static final int MAX_UV_ATTEMPTS = 3;

  private final CtapChannel channel;
  private final Info info;
  private final UserInteraction ui;
  private final Ceremony ceremony;

  UserVerifier(CtapChannel channel, Info info, UserInteraction ui, Ceremony ceremony) {
    this.channel = channel;
    this.info = info;
    this.ui = ui;
    this.ceremony = ceremony;
  }

  /** The token for {@code plan}, or empty for NONE and UV_OPTION (which need no token). */
  Optional<PinUvAuthToken> token(UvPlan plan, Set<Permission> permissions, String rpId)
      throws WebAuthnClientException, CtapException, TransportException {
    switch (plan.method()) {
      case NONE, UV_OPTION:
        return Optional.empty();
      case UV_TOKEN:
        Optional<PinUvAuthToken> viaUv = uvToken(plan, permissions, rpId);
        if (viaUv.isPresent()) {
          return viaUv;
        }
        return Optional.of(
            pinToken(UvPlan.pin(info), permissions, rpId, PinRequest.Reason.UV_BLOCKED));
      default:
        return Optional.of(pinToken(plan, permissions, rpId, PinRequest.Reason.VERIFY_USER));
    }
  }

  private Optional<PinUvAuthToken> uvToken(UvPlan plan, Set<Permission> permissions, String rpId)
      throws WebAuthnClientException, CtapException, TransportException {
    ClientPin clientPin = clientPin(plan);
    boolean pinAvailable = info.isPinSet().orElse(false);
    for (int attempt = 0; attempt < MAX_UV_ATTEMPTS; attempt++) {
      Optional<Integer> retries = Optional.empty();
      try {
        retries = Optional.of(clientPin.getUvRetries());
      } catch (CtapException e) {
        LOG.debug("getUVRetries failed: {}", e.status());
      }
      if (!ui.requestUv(new UvRequest(retries))) {
        if (!pinAvailable) {
          throw new WebAuthnClientException(NOT_ALLOWED, "Cancelled: no user verification.");
        }
        return Optional.empty();
      }
      try {
        return Optional.of(
            clientPin.getPinUvAuthTokenUsingUvWithPermissions(
                permissions, Optional.of(rpId), ceremony.token(), ceremony.keepalive()));
      } catch (PinException e) {
        if (e.status().equals(CtapStatus.UV_INVALID)) {
          LOG.debug("built-in verification failed; retries {}", e.retriesLeft());
          continue;
        }
        if (e.status().equals(CtapStatus.UV_BLOCKED) && pinAvailable) {
          return Optional.empty();
        }
        throw new WebAuthnClientException(NOT_ALLOWED, e.getMessage(), e);
      }
    }
    if (pinAvailable) {
      return Optional.empty();
    }
    throw new WebAuthnClientException(
        NOT_ALLOWED, "Your fingerprint was not recognised. Try again.");
  }

  private PinUvAuthToken pinToken(
      UvPlan plan, Set<Permission> permissions, String rpId, PinRequest.Reason firstReason)
      throws WebAuthnClientException, CtapException, TransportException {
    ClientPin clientPin = clientPin(plan);
    PinRequest.Reason reason = firstReason;
    Optional<String> problem =
        firstReason == PinRequest.Reason.UV_BLOCKED
            ? Optional.of("Fingerprint verification is blocked; the PIN unblocks it.")
            : Optional.empty();
    while (true) {
      PinRetries retries = clientPin.getPinRetries();
      if (retries.retries() == 0) {
        throw notAllowed(PinException.blocked());
      }
      if (retries.needsReinsertion()) {
        throw notAllowed(PinException.authBlocked());
      }
      Optional<Integer> shown =
          retries.retries() <= PinRequest.SHOW_RETRIES_AT_OR_BELOW
              ? Optional.of(retries.retries())
              : Optional.empty();
      PinRequest request = new PinRequest(shown, clientPin.rules().minLength(), reason, problem);
      char[] pin =
          ui.requestPin(request)
              .orElseThrow(
                  () -> new WebAuthnClientException(NOT_ALLOWED, "Cancelled: no PIN entered."));
      if (ceremony.isStopped()) {
        java.util.Arrays.fill(pin, '\0');
        throw ceremony.stopped();
      }
      try {
        return clientPin.tokenFor(info, pin, permissions, Optional.of(rpId));
      } catch (PinException e) {
        if (e.status().equals(CtapStatus.PIN_INVALID)
            || e.status().equals(CtapStatus.PIN_POLICY_VIOLATION) && e.retriesLeft().isEmpty()) {
          if (e.pinChangeRequired()) {
            throw notAllowed(e);
          }
          reason = PinRequest.Reason.WRONG_PIN;
          problem =
              Optional.of(
                  e.status().equals(CtapStatus.PIN_INVALID) ? "Wrong PIN." : e.getMessage());
          continue;
        }
        throw notAllowed(e);
      }
    }
  }

  private ClientPin clientPin(UvPlan plan) {
    return new ClientPin(channel, plan.protocol().orElseThrow(), PinRules.of(info.minPinLength()));
  }

  static WebAuthnClientException notAllowed(CtapException e) {
    return new WebAuthnClientException(NOT_ALLOWED, e.getMessage(), e);
  }
}
