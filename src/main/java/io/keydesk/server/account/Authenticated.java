package io.keydesk.server.account;

import io.keydesk.server.store.Session;
import io.keydesk.server.store.User;
import java.util.Objects;

/** The caller of a request: a live session and its user. */
public record Authenticated(User user, Session session) {
  public Authenticated {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(session, "session");
  }
}
