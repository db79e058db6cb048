package io.keydesk.webauthn;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for built-in user verification (fingerprint) on the key.
 *
 * @param retriesLeft the key's remaining UV tries, when known
 */
public record UvRequest(Optional<Integer> retriesLeft) {
  public UvRequest {
    Objects.requireNonNull(retriesLeft, "retriesLeft");
  }
}
