package io.keydesk.rp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** {@code GET /api/v1/account}: the account as the RP sees it. */
public record AccountStatus(
    String email, Instant created, TwoFactorStatus twoFactor, Optional<Instant> sudoUntil) {
  static AccountStatus from(JsonNode node) {
    return new AccountStatus(
        JsonFields.text(node, "email"),
        JsonFields.instant(node, "created"),
        TwoFactorStatus.from(JsonFields.object(node, "twoFactor")),
        JsonFields.optionalInstant(node, "sudoUntil"));
  }
}
