package io.keydesk.store;

import java.util.Optional;

/**
 * A change made through KeyDesk, to be appended to the event log. Never put a secret (PIN, token,
 * password) in any field: the log is a plain file.
 *
 * @param accountId the account it concerned, if any
 * @param action what was done, a short stable identifier such as {@code "key.rename"}
 * @param keyId the credential id or device identifier it concerned, if any
 * @param keyName that key's name at the time, if any
 * @param message what went wrong (or a detail of what was done)
 */
public record Event(
    Optional<Long> accountId,
    String action,
    Optional<String> keyId,
    Optional<String> keyName,
    EventResult result,
    Optional<String> message) {

  public Event {
    SqlValues.requireText(action, "action");
    if (result == null) {
      throw new IllegalArgumentException("result must not be null");
    }
  }

  public static Event ok(String action) {
    return new Event(
        Optional.empty(),
        action,
        Optional.empty(),
        Optional.empty(),
        EventResult.OK,
        Optional.empty());
  }

  public static Event failed(String action, String message) {
    return new Event(
        Optional.empty(),
        action,
        Optional.empty(),
        Optional.empty(),
        EventResult.FAILED,
        Optional.of(message));
  }

  public Event forAccount(long id) {
    return new Event(Optional.of(id), action, keyId, keyName, result, message);
  }

  public Event forKey(String id, String name) {
    return new Event(accountId, action, Optional.of(id), Optional.of(name), result, message);
  }
}
