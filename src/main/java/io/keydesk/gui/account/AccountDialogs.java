package io.keydesk.gui.account;

import io.keydesk.app.SecondFactor;
import io.keydesk.app.desktop.Cancellation;
import io.keydesk.app.desktop.DesktopAccountKey;
import io.keydesk.rp.LoginStep;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.store.Account;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The dialogs the account page opens, called on the UI thread; each completes its future when the
 * person answers (empty or false: cancelled). The view model's worker waits on the futures, never
 * the UI thread.
 */
public interface AccountDialogs {
  CompletableFuture<Optional<char[]>> password(Account account);

  CompletableFuture<Optional<SecondFactor>> secondFactor(
      Account account, LoginStep.SecondFactorRequired step, boolean keyAvailable);

  /**
   * The sudo code dialog.
   *
   * @param resend asks the server for a new code; completes with the line to show
   */
  CompletableFuture<Optional<String>> sudoCode(
      Account account,
      SudoCodeRequest request,
      Optional<String> problem,
      Supplier<CompletableFuture<String>> resend);

  CompletableFuture<Boolean> confirm(String title, String message, String confirmLabel);

  CompletableFuture<Optional<char[]>> keyPin(DesktopAccountKey.PinQuestion question);

  /** The key waits for a touch; Cancel fires {@code cancellation}. */
  void touchNeeded(String keyName, Cancellation cancellation);

  void touchDone();
}
