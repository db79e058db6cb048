package io.keydesk.gui.device;

import io.keydesk.app.desktop.Cancellation;
import io.keydesk.app.desktop.KeyFailure;
import io.keydesk.app.desktop.KeyHandle;
import io.keydesk.app.desktop.KeyOverview;
import io.keydesk.app.desktop.KeyRef;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.app.desktop.TouchListener;
import io.keydesk.gui.prompt.PinEntry;
import io.keydesk.gui.prompt.PinRequest;
import io.keydesk.gui.task.Tasks;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The device page: getInfo summary, wink, PIN set/change, Test this key, guided reset. Device work
 * runs on the key's own worker; the view only binds to the read-only properties.
 */
public final class DeviceViewModel {
  /** What the view model asks of the UI: dialogs and the touch prompt. */
  public interface Prompts {
    CompletableFuture<Optional<PinEntry>> askPin(PinRequest request);

    CompletableFuture<Boolean> confirm(String title, String message, String confirmLabel);

    void touchNeeded(String keyName, Cancellation cancellation);

    void touchDone();
  }

  private final Tasks tasks;
  private final SecurityKeys keys;
  private final KeyRef key;
  private final Prompts prompts;
  private final Executor worker;
  private KeyHandle handle;

  private final ReadOnlyObjectWrapper<KeyOverview> overview = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<KeyHandle.TestReport> testReport =
      new ReadOnlyObjectWrapper<>();
  private Cancellation running;

  public DeviceViewModel(Tasks tasks, SecurityKeys keys, KeyRef key, Prompts prompts) {
    this.tasks = tasks;
    this.keys = keys;
    this.key = key;
    this.prompts = prompts;
    this.worker = tasks.device(key.id());
  }

  public KeyRef key() {
    return key;
  }

  public ReadOnlyObjectProperty<KeyOverview> overviewProperty() {
    return overview.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** What is happening now ("Reading the key...", "Remove the security key now."). */
  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** The last success message. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The last error, in the user's words. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<KeyHandle.TestReport> testReportProperty() {
    return testReport.getReadOnlyProperty();
  }

  private String name() {
    KeyOverview current = overview.get();
    return current == null ? key.displayName() : current.model().name();
  }

  private KeyHandle handle() throws KeyFailure {
    if (handle == null) {
      handle = KeyHandle.open(keys, key);
    }
    return handle;
  }

  private <T> void run(String what, BackgroundWork<T> work, java.util.function.Consumer<T> done) {
    running =
        tasks
            .wrap(c -> work.run(c))
            .onRunning(
                () -> {
                  busy.set(true);
                  progress.set(what);
                  error.set("");
                })
            .onSuccess(done)
            .onFailure(
                e -> {
                  if (handleIsBroken(e) && handle != null) {
                    KeyHandle broken = handle;
                    handle = null;
                    worker.execute(broken::close);
                  }
                  error.set(e.getMessage());
                })
            .onFinished(
                () -> {
                  busy.set(false);
                  progress.set("");
                  prompts.touchDone();
                })
            .executeWith(worker);
  }

  private static boolean handleIsBroken(Throwable e) {
    return !(e instanceof KeyFailure failure)
        || failure.kind() == KeyFailure.Kind.UNAVAILABLE
        || failure.kind() == KeyFailure.Kind.CANCELLED;
  }

  @FunctionalInterface
  private interface BackgroundWork<T> {
    T run(Cancellation cancellation) throws Exception;
  }

  /** Cancels what is running (the touch prompt's Cancel does the same). */
  public void cancel() {
    if (running != null) {
      running.cancel();
    }
  }

  /** Reads getInfo and the PIN retries. */
  public void load() {
    run("Reading the key…", c -> handle().overview(), overview::set);
  }

  /** CTAPHID_WINK. */
  public void wink() {
    run(
        "Asking the key to blink…",
        c -> {
          handle().wink();
          return null;
        },
        v -> message.set(name() + " is blinking."));
  }

  /** Set a first PIN, or change it when one is set. */
  public void setOrChangePin() {
    KeyOverview current = overview.get();
    if (current == null || current.pinSet().isEmpty()) {
      error.set(name() + " does not support a PIN.");
      return;
    }
    boolean change = current.pinSet().get();
    PinRequest request =
        new PinRequest(
            change ? PinRequest.Mode.CHANGE : PinRequest.Mode.SET,
            name(),
            current.minPinLength(),
            current.pinRetries(),
            current.pinRetries().filter(r -> r == 0).map(r -> PinRequest.Problem.PIN_BLOCKED));
    askPinAndSave(request);
  }

  private void askPinAndSave(PinRequest request) {
    prompts
        .askPin(request)
        .thenAccept(
            answer ->
                answer.ifPresent(
                    entry ->
                        run(
                            request.mode() == PinRequest.Mode.SET
                                ? "Setting the PIN…"
                                : "Changing the PIN…",
                            c -> savePin(entry),
                            text -> {
                              message.set(text);
                              load();
                            })));
  }

  private String savePin(PinEntry entry) throws KeyFailure {
    try {
      if (entry.current().isPresent()) {
        return handle().changePin(entry.current().get(), entry.newPin().orElseThrow());
      }
      return handle().setPin(entry.newPin().orElseThrow());
    } finally {
      entry.clear();
    }
  }

  /** makeCredential + getAssertion against a throwaway RP ID, with a verdict. */
  public void testKey() {
    testReport.set(null);
    KeyOverview current = overview.get();
    boolean needsPin = current != null && current.pinSet().orElse(false);
    if (needsPin) {
      prompts
          .askPin(
              new PinRequest(
                  PinRequest.Mode.ENTER,
                  name(),
                  current.minPinLength(),
                  current.pinRetries(),
                  Optional.empty()))
          .thenAccept(answer -> answer.ifPresent(entry -> runTest(entry.current())));
    } else {
      runTest(Optional.empty());
    }
  }

  private void runTest(Optional<char[]> pin) {
    run(
        "Testing the key: touch it when it blinks…",
        c -> handle().test(pin, c, touchListener(c)),
        report -> {
          testReport.set(report);
          load();
        });
  }

  private TouchListener touchListener(Cancellation cancellation) {
    return new TouchListener() {
      @Override
      public void touchNeeded() {
        tasks.ui().execute(() -> prompts.touchNeeded(name(), cancellation));
      }

      @Override
      public void touchDone() {
        tasks.ui().execute(prompts::touchDone);
      }
    };
  }

  /** The guided reset, after confirmation. */
  public void reset() {
    prompts
        .confirm("Reset " + name() + "?", KeyHandle.resetWarning(), "_Reset the key")
        .thenAccept(
            yes -> {
              if (yes) {
                run(
                    "Resetting…",
                    c ->
                        handle()
                            .reset(
                                new KeyHandle.ResetPrompts() {
                                  @Override
                                  public void instruct(String text) {
                                    tasks.ui().execute(() -> progress.set(text));
                                  }

                                  @Override
                                  public void promptTouch(String text) {
                                    tasks.ui().execute(() -> {
                                      progress.set(text);
                                      prompts.touchNeeded(name(), c);
                                    });
                                  }
                                },
                                c),
                    result -> {
                      if (result.succeeded()) {
                        message.set(result.message());
                      } else {
                        error.set(result.message());
                      }
                      closeHandle();
                      load();
                    });
              }
            });
  }

  private void closeHandle() {
    KeyHandle old = handle;
    handle = null;
    if (old != null) {
      worker.execute(old::close);
    }
  }

  /** Closes the key when the page goes away. */
  public void dispose() {
    cancel();
    closeHandle();
  }
}
