package io.keydesk.app;

import io.keydesk.rp.LoginStep;
import io.keydesk.rp.SudoCodeRequest;
import io.keydesk.store.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Prompts answered by the test; records what was asked. */
final class ScriptedPrompts implements AccountPrompts {
  final List<String> asked = new ArrayList<>();
  String password;
  Supplier<Optional<SecondFactor>> secondFactor = Optional::empty;
  Supplier<String> sudoCode = () -> null;
  boolean confirm;

  ScriptedPrompts(String password) {
    this.password = password;
  }

  @Override
  public Optional<char[]> password(Account account) {
    asked.add("password for " + account.username());
    return Optional.ofNullable(password).map(String::toCharArray);
  }

  @Override
  public Optional<SecondFactor> secondFactor(
      Account account, LoginStep.SecondFactorRequired step, boolean keyAvailable) {
    asked.add("second factor " + step.methods() + " key=" + keyAvailable);
    return secondFactor.get();
  }

  @Override
  public Optional<String> sudoCode(
      Account account, SudoCodeRequest request, Optional<String> problem) {
    asked.add("sudo code sent=" + request.sent());
    return Optional.ofNullable(sudoCode.get());
  }

  @Override
  public boolean confirm(String warning) {
    asked.add("confirm: " + warning);
    return confirm;
  }
}
