package io.keydesk.server.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keydesk.server.account.IssuedSession;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The answer to the password step: a session, or a second-factor step to finish in 300 s. */
public sealed interface LoginOutcome {
  /** Logged in. */
  record Session(IssuedSession session) implements LoginOutcome {
    public Session {
      Objects.requireNonNull(session, "session");
    }
  }

  /**
   * A second factor is needed. {@code methods} lists "security_key", "totp", "backup_code" as
   * available; {@code publicKey} is the RequestOptionsJSON when the user has keys.
   */
  record SecondFactor(
      String loginId, Instant expiresAt, List<String> methods, Optional<ObjectNode> publicKey)
      implements LoginOutcome {
    public SecondFactor {
      Objects.requireNonNull(loginId, "loginId");
      methods = List.copyOf(methods);
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }
}
