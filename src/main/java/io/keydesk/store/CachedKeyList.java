package io.keydesk.store;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An account's key list as fetched from the RP at {@code syncedAt}, in the RP's order.
 *
 * @throws IllegalArgumentException if a credential id appears twice
 */
public record CachedKeyList(long accountId, Instant syncedAt, List<CachedKey> keys) {
  public CachedKeyList {
    syncedAt = SqlValues.millis(syncedAt);
    keys = List.copyOf(keys);
    Set<String> ids = new HashSet<>();
    for (CachedKey key : keys) {
      if (!ids.add(key.credentialId())) {
        throw new IllegalArgumentException(
            "The key list names credential " + key.credentialId() + " twice.");
      }
    }
  }
}
