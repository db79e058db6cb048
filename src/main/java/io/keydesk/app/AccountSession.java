package io.keydesk.app;

import io.keydesk.rp.RelyingPartyClient;
import io.keydesk.rp.RelyingPartyException;
import io.keydesk.rp.RelyingPartyUnreachableException;
import io.keydesk.rp.RpSession;
import io.keydesk.store.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in session at an account's RP. The token lives in this object only (never on disk);
 * closing logs out.
 */
public final class AccountSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccountSession.class);

  private final Account account;
  private final RelyingPartyClient client;
  private final RpSession session;

  AccountSession(Account account, RelyingPartyClient client, RpSession session) {
    this.account = account;
    this.client = client;
    this.session = session;
  }

  public Account account() {
    return account;
  }

  RelyingPartyClient client() {
    return client;
  }

  RpSession rpSession() {
    return session;
  }

  /** Logs out at the RP (best effort: the token expires by itself). */
  @Override
  public void close() {
    try {
      client.logOut(session);
    } catch (RelyingPartyException | RelyingPartyUnreachableException e) {
      log.debug("Logout from {} failed: {}", account.rpUrl(), e.getMessage());
    }
  }
}
