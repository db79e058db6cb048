package io.keydesk.authenticator.ctap;

import io.keydesk.cbor.Bytes;
import io.keydesk.cbor.CborException;
import io.keydesk.cbor.CborMap;
import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The discoverable credentials, with a fixed capacity (getInfo remainingDiscoverableCredentials,
 * CTAP 2.1 section 6.4). A new credential for an RP and user handle that already have one replaces
 * it (section 6.1.2 step 16). Not thread-safe: the processor serialises commands.
 */
public final class CredentialStore {
  public static final int DEFAULT_CAPACITY = 25;

  private final int capacity;
  private final List<DiscoverableCredential> credentials = new ArrayList<>();

  public CredentialStore(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("the capacity cannot be negative: " + capacity);
    }
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  public int size() {
    return credentials.size();
  }

  public int remaining() {
    return Math.max(0, capacity - credentials.size());
  }

  /**
   * Adds {@code credential}, replacing one with the same RP ID and user handle.
   *
   * @throws CtapException KEY_STORE_FULL when there is no room and nothing to replace
   */
  public void add(DiscoverableCredential credential) throws CtapException {
    Optional<DiscoverableCredential> existing =
        credentials.stream()
            .filter(
                c ->
                    c.rpId().equals(credential.rpId())
                        && c.user().id().equals(credential.user().id()))
            .findFirst();
    if (existing.isEmpty() && credentials.size() >= capacity) {
      throw new CtapException(
          CtapStatus.KEY_STORE_FULL,
          "The authenticator holds "
              + capacity
              + " passkeys, its maximum; delete one you no longer use and try again.");
    }
    existing.ifPresent(credentials::remove);
    credentials.add(credential);
  }

  /** The credentials of {@code rpId}, most recently created first. */
  public List<DiscoverableCredential> forRp(String rpId) {
    return credentials.stream()
        .filter(c -> c.rpId().equals(rpId))
        .sorted(Comparator.comparingLong(DiscoverableCredential::created).reversed())
        .toList();
  }

  public Optional<DiscoverableCredential> byId(Bytes id) {
    return credentials.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Every credential, in creation order. */
  public List<DiscoverableCredential> all() {
    return List.copyOf(credentials);
  }

  public void clear() {
    credentials.clear();
  }

  List<Object> toCbor() {
    return credentials.stream().map(c -> (Object) c.toCbor()).toList();
  }

  static CredentialStore fromCbor(int capacity, List<Object> items) throws CborException {
    CredentialStore store = new CredentialStore(capacity);
    for (Object item : items) {
      if (!(item instanceof CborMap map)) {
        throw new CborException("a stored credential is not a map");
      }
      // Loading never refuses a credential the file holds, even if the capacity shrank.
      store.credentials.add(DiscoverableCredential.fromCbor(map));
    }
    return store;
  }
}
