package io.keydesk.rp;

/** {@code DELETE /api/v1/security-keys/{id}}: what is left after removing a key. */
public record KeyRemoval(String removed, boolean twoFactorActive, TwoFactorStatus twoFactor) {}
