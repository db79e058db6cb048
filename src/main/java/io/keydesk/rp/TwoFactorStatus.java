package io.keydesk.rp;

import com.fasterxml.jackson.databind.JsonNode;

/** The account's two-factor state (docs/rp-api.md {@code twoFactor}). */
public record TwoFactorStatus(
    boolean active, int securityKeys, boolean totp, int backupCodesRemaining) {
  static TwoFactorStatus from(JsonNode node) {
    return new TwoFactorStatus(
        JsonFields.bool(node, "active"),
        (int) JsonFields.number(node, "securityKeys"),
        JsonFields.bool(node, "totp"),
        (int) JsonFields.number(node, "backupCodesRemaining"));
  }
}
