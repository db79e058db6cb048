package io.keydesk.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.server.account.TwoFactorStatus;
import io.keydesk.server.webauthn.KeyView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Response bodies of docs/rp-api.md. */
final class Responses {
  private Responses() {}

  record AccountCreated(String email, Instant created) {}

  record SessionIssued(String state, String token, Instant expiresAt) {
    SessionIssued(String token, Instant expiresAt) {
      this("authenticated", token, expiresAt);
    }
  }

  record SecondFactorStep(
      String state,
      String loginId,
      Instant expiresAt,
      List<String> methods,
      Optional<ObjectNode> publicKey) {}

  record TwoFactor(boolean active, int securityKeys, boolean totp, int backupCodesRemaining) {
    static TwoFactor of(TwoFactorStatus status) {
      return new TwoFactor(
          status.active(), status.securityKeys(), status.totp(), status.backupCodesRemaining());
    }
  }

  record Account(String email, Instant created, TwoFactor twoFactor, Optional<Instant> sudoUntil) {}

  record SudoCode(boolean sent, Instant expiresAt) {}

  record SudoOpen(Instant sudoUntil) {}

  record KeyList(List<KeyView> keys, boolean twoFactorActive) {}

  record RegistrationStarted(String registrationId, Instant expiresAt, ObjectNode publicKey) {}

  record KeyRemoved(String removed, boolean twoFactorActive, TwoFactor twoFactor) {}

  record TotpStarted(String secret, String otpauthUri) {}

  record TwoFactorAnswer(TwoFactor twoFactor) {}

  record BackupCodes(List<String> codes) {}
}
