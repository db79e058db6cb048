package io.keydesk.gui.account;

import io.keydesk.app.AccountSession;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logged-in sessions of this run, by account id, so switching pages does not ask for the
 * password again. Tokens stay in memory only; {@link #close()} logs out of each.
 */
public final class AccountSessions implements AutoCloseable {
  private final Map<Long, AccountSession> sessions = new ConcurrentHashMap<>();

  public Optional<AccountSession> get(long accountId) {
    return Optional.ofNullable(sessions.get(accountId));
  }

  public void put(long accountId, AccountSession session) {
    AccountSession previous = sessions.put(accountId, session);
    if (previous != null && previous != session) {
      previous.close();
    }
  }

  /** Forgets the session (it expired or the account went away). */
  public void drop(long accountId) {
    sessions.remove(accountId);
  }

  /** Logs out of every session (best effort; network: call off the UI thread). */
  @Override
  public void close() {
    sessions.values().forEach(AccountSession::close);
    sessions.clear();
  }
}
