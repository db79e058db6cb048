package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** What the operations share: settings, persistent and volatile state, and derived helpers. */
final class DeviceContext {
  final Ctap2Config config;
  final Ctap2State state;
  final PinUvAuthState tokens = new PinUvAuthState();
  final AttestationSigner attestation;
  private CredentialIdWrapper wrapper;
  private Bytes wrapperSecret;
  Instant poweredUpAt;

  DeviceContext(Ctap2Config config, Ctap2State state) {
    this.config = config;
    this.state = state;
    this.attestation = new AttestationSigner(config.attestationMode(), state.batch());
    this.poweredUpAt = now();
  }

  Instant now() {
    return config.clock().instant();
  }

  /** The wrapper under the current device secret (a reset replaces it). */
  CredentialIdWrapper wrapper() {
    if (wrapper == null || !state.deviceSecret().equals(wrapperSecret)) {
      wrapperSecret = state.deviceSecret();
      wrapper = new CredentialIdWrapper(wrapperSecret);
    }
    return wrapper;
  }

  static Bytes rpIdHash(String rpId) {
    return Bytes.of(Crypto.sha256(rpId.getBytes(StandardCharsets.UTF_8)));
  }
}
