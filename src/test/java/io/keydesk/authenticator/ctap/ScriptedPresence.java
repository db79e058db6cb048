package io.keydesk.authenticator.ctap;

import io.keydesk.ctap2.CtapException;
import io.keydesk.ctap2.CtapStatus;
import java.util.ArrayDeque;
import java.util.Deque;

/** User presence answered from a script; approves when the script is empty. Counts the asks. */
final class ScriptedPresence implements UserPresenceCheck {
  enum Answer {
    APPROVE,
    DENY,
    TIMEOUT,
    CANCEL
  }

  private final Deque<Answer> script = new ArrayDeque<>();
  private int requests;

  void next(Answer... answers) {
    for (Answer answer : answers) {
      script.addLast(answer);
    }
  }

  int requests() {
    return requests;
  }

  @Override
  public boolean request() throws CtapException {
    requests++;
    Answer answer = script.isEmpty() ? Answer.APPROVE : script.removeFirst();
    return switch (answer) {
      case APPROVE -> true;
      case DENY -> false;
      case TIMEOUT -> throw new CtapException(CtapStatus.USER_ACTION_TIMEOUT);
      case CANCEL -> throw new CtapException(CtapStatus.KEEPALIVE_CANCEL);
    };
  }
}
