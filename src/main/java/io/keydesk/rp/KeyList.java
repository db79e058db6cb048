package io.keydesk.rp;

import java.util.List;

/** {@code GET /api/v1/security-keys}: the account's keys, oldest first. */
public record KeyList(List<SecurityKey> keys, boolean twoFactorActive) {
  public KeyList {
    keys = List.copyOf(keys);
  }
}
