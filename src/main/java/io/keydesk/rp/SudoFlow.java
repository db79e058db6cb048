package io.keydesk.rp;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an action that may need sudo mode (docs/rp-api.md "Sudo mode"): when the RP answers {@code
 * sudo-required}, request an emailed code, ask the user for it, submit it, then retry the action
 * once. A wrong code is asked again (the RP limits attempts); an empty answer cancels.
 */
public final class SudoFlow {
  /** Wrong codes asked again before giving up. */
  static final int MAX_CODE_ATTEMPTS = 3;

  /** Asks the user for the emailed code. */
  @FunctionalInterface
  public interface CodePrompt {
    /**
     * @param request whether a new code was sent and until when it is valid
     * @param problem what was wrong with the previous code, empty the first time
     * @return the code, or empty to cancel
     */
    Optional<String> code(SudoCodeRequest request, Optional<String> problem);
  }

  /** The user cancelled the code prompt; nothing was changed. */
  public static final class CancelledException extends RuntimeException {
    public CancelledException() {
      super("Cancelled: no code was entered, so nothing was changed.");
    }
  }

  private final RelyingPartyClient client;

  public SudoFlow(RelyingPartyClient client) {
    this.client = client;
  }

  /** Runs {@code action}; on sudo-required, enters sudo mode by {@code prompt} and retries it. */
  public <T> T run(RpSession session, CodePrompt prompt, Supplier<T> action) {
    try {
      return action.get();
    } catch (RelyingPartyException e) {
      if (!e.isSudoRequired()) {
        throw e;
      }
    }
    enter(session, prompt);
    return action.get();
  }

  /** Requests a code and submits what the user enters, until it is accepted. */
  public void enter(RpSession session, CodePrompt prompt) {
    SudoCodeRequest request = client.requestSudoCode(session);
    Optional<String> problem = Optional.empty();
    for (int attempt = 1; ; attempt++) {
      String code = prompt.code(request, problem).orElseThrow(CancelledException::new);
      try {
        client.enterSudo(session, code);
        return;
      } catch (RelyingPartyException e) {
        if (!e.problem().is(Problem.INVALID_CODE) || attempt >= MAX_CODE_ATTEMPTS) {
          throw e;
        }
        problem = Optional.of(e.getMessage());
      }
    }
  }
}
