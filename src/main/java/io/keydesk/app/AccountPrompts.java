package io.keydesk.app;

import io.keydesk.rp.LoginStep;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.store.Account;
import java.util.Optional;

/**
 * What the account use cases ask of the person (CLI: the terminal or --*-stdin; GUI: dialogs).
 * Called on the worker thread running the use case; an empty answer cancels the action.
 */
public interface AccountPrompts {
  /** The account's password; the caller zeroes the array after use. */
  Optional<char[]> password(Account account);

  /**
   * How to finish the login's second step.
   *
   * @param keyAvailable a security key is plugged in and usable
   */
  Optional<SecondFactor> secondFactor(
      Account account, LoginStep.SecondFactorRequired step, boolean keyAvailable);

  /**
   * The six-digit code the RP emailed for sudo mode.
   *
   * @param problem what was wrong with the previous code, empty the first time
   */
  Optional<String> sudoCode(Account account, SudoCodeRequest request, Optional<String> problem);

  /** Asks the user to confirm a consequential action; {@code warning} says what will happen. */
  boolean confirm(String warning);
}
