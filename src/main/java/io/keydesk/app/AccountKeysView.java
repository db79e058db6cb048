package io.keydesk.app;

import io.keydesk.store.Account;
import io.keydesk.store.CachedKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's key list as the account page shows it: fresh from the RP, or the cached list marked
 * stale with its sync time when the RP cannot be reached (docs/ui.md "Account page").
 *
 * @param syncedAt when the list was fetched from the RP; empty if it never was
 * @param stale the RP could not be reached just now; {@code offlineReason} says why
 * @param twoFactorActive as the RP reported it (empty when stale)
 */
public record AccountKeysView(
    Account account,
    List<CachedKey> keys,
    Optional<Instant> syncedAt,
    boolean stale,
    Optional<String> offlineReason,
    Optional<Boolean> twoFactorActive) {
  public static final String BACKUP_RECOMMENDATION =
      "Add a second key as a backup and keep it somewhere safe.";

  public AccountKeysView {
    Objects.requireNonNull(account, "account");
    keys = List.copyOf(keys);
  }

  /** The backup-key recommendation, when exactly one key is registered. */
  public Optional<String> recommendation() {
    return keys.size() == 1 ? Optional.of(BACKUP_RECOMMENDATION) : Optional.empty();
  }

  /** The offline notice, when stale. */
  public Optional<String> staleNotice() {
    if (!stale) {
      return Optional.empty();
    }
    return Optional.of(
        syncedAt
            .map(t -> "Showing the list from " + t + ". The server can't be reached right now.")
            .orElse(
                "The server can't be reached right now, and the key list was never fetched."));
  }
}
