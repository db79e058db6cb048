package io.keydesk.gui.account;

import io.keydesk.app.DemoEnvironment;
import io.keydesk.app.SecondFactor;
import io.keydesk.app.desktop.Cancellation;
import io.keydesk.app.desktop.DesktopAccountKey;
import io.keydesk.gui.prompt.Confirmation;
import io.keydesk.gui.prompt.PinDialog;
import io.keydesk.gui.prompt.PinEntry;
import io.keydesk.gui.prompt.PinRequest;
import io.keydesk.gui.prompt.SheetHost;
import io.keydesk.gui.prompt.TouchPrompt;
import io.keydesk.rp.LoginStep;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.store.Account;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** {@link AccountDialogs} as sheets over the window; in demo mode with the demo's hints. */
public final class AccountSheets implements AccountDialogs {
  private final SheetHost sheets;
  private final TouchPrompt touch;
  private final PinDialog pins;
  private final Supplier<Optional<DemoEnvironment>> demo;

  public AccountSheets(
      SheetHost sheets, TouchPrompt touch, PinDialog pins, Supplier<Optional<DemoEnvironment>> demo) {
    this.sheets = sheets;
    this.touch = touch;
    this.pins = pins;
    this.demo = demo;
  }

  private boolean isDemoAccount(Account account) {
    return demo.get()
        .filter(d -> d.rpUrl().equals(account.rpUrl())
            && DemoEnvironment.DEMO_EMAIL.equals(account.username()))
        .isPresent();
  }

  @Override
  public CompletableFuture<Optional<char[]>> password(Account account) {
    return LoginDialog.password(sheets, account,
        isDemoAccount(account) ? Optional.of(DemoEnvironment.DEMO_PASSWORD) : Optional.empty());
  }

  @Override
  public CompletableFuture<Optional<SecondFactor>> secondFactor(
      Account account, LoginStep.SecondFactorRequired step, boolean keyAvailable) {
    return LoginDialog.secondFactor(sheets, step, keyAvailable);
  }

  @Override
  public CompletableFuture<Optional<String>> sudoCode(
      Account account,
      SudoCodeRequest request,
      Optional<String> problem,
      Supplier<CompletableFuture<String>> resend) {
    Supplier<Optional<String>> demoCode = () -> isDemoAccount(account)
        ? demo.get().flatMap(DemoEnvironment::lastEmailedCode) : Optional.empty();
    return SudoCodeDialog.ask(sheets, account.username(), request, problem, resend, demoCode,
        Clock.systemUTC());
  }

  @Override
  public CompletableFuture<Boolean> confirm(String title, String message, String confirmLabel) {
    return Confirmation.ask(sheets, title, message, confirmLabel);
  }

  @Override
  public CompletableFuture<Optional<char[]>> keyPin(DesktopAccountKey.PinQuestion question) {
    PinRequest request = new PinRequest(PinRequest.Mode.ENTER, question.keyName(),
        question.minLength(), question.retriesLeft(),
        question.wrongPin() ? Optional.of(PinRequest.Problem.WRONG_PIN) : Optional.empty());
    return pins.ask(request).thenApply(answer -> answer.flatMap(PinEntry::current));
  }

  @Override
  public void touchNeeded(String keyName, Cancellation cancellation) {
    Optional<Runnable> virtual = demo.get().map(d -> d::touchVirtualKey);
    touch.show(keyName, cancellation, virtual);
  }

  @Override
  public void touchDone() {
    touch.hide();
  }
}
