package io.keydesk.server.account;

/**
 * What protects the account beyond the password. Two-factor authentication is active while there
 * is at least one security key or a confirmed TOTP; backup codes alone do not make it active.
 */
public record TwoFactorStatus(int securityKeys, boolean totp, int backupCodesRemaining) {
  public boolean active() {
    return securityKeys > 0 || totp;
  }
}
