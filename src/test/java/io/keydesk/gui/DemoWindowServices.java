package io.keydesk.gui;

import io.keydesk.app.AccountService;
import io.keydesk.app.DemoEnvironment;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.task.Tasks;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link MainWindow.Services} for tests over an already running demo environment. The demo and the
 * account service are looked up when the window asks, so a test may stop the demo or create the
 * service after the window is built.
 */
record DemoWindowServices(
    Tasks tasks,
    SecurityKeys keys,
    Settings settings,
    Supplier<Optional<DemoEnvironment>> demoLookup,
    Supplier<Optional<AccountService>> accountsLookup)
    implements MainWindow.Services {

  /** The keys the app sees once {@code demo} runs: its virtual key, listed as the app lists it. */
  static SecurityKeys keysOf(DemoEnvironment demo) {
    SecurityKeys keys = SecurityKeys.withSimulators(List.of());
    keys.addRunningSimulator(demo.virtualKeyId(), demo.virtualKeyVersion());
    return keys;
  }

  static DemoWindowServices of(
      Tasks tasks, SecurityKeys keys, Settings settings, DemoEnvironment demo) {
    return new DemoWindowServices(tasks, keys, settings, () -> Optional.of(demo), Optional::empty);
  }

  DemoWindowServices withAccounts(Supplier<AccountService> accounts) {
    return new DemoWindowServices(
        tasks, keys, settings, demoLookup, () -> Optional.of(accounts.get()));
  }

  DemoWindowServices withDemo(Supplier<Optional<DemoEnvironment>> demo) {
    return new DemoWindowServices(tasks, keys, settings, demo, accountsLookup);
  }

  @Override
  public Optional<DemoEnvironment> demo() {
    return demoLookup.get();
  }

  @Override
  public void startDemo(Runnable started) {
    started.run();
  }

  @Override
  public Optional<AccountService> accounts() {
    return accountsLookup.get();
  }
}
