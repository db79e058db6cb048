package io.keydesk.gui.task;

import io.keydesk.app.desktop.Cancellation;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GUI's one threading boundary (after JabRef's BackgroundTask): the work runs on a worker
 * executor, the callbacks run on the UI executor ({@code Platform.runLater} in the app, the
 * calling thread in tests). The work receives a {@link Cancellation} that the returned handle
 * fires.
 *
 * <pre>{@code
 * tasks.wrap(c -> device.info(c)).onSuccess(this::show).onFailure(this::fail).executeWith(worker);
 * }</pre>
 */
public final class BackgroundTask<T> {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

  /** Work that may throw and may watch its cancellation. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Cancellation cancellation) throws Exception;
  }

  private final Executor ui;
  private final Work<T> work;
  private Runnable onRunning = () -> {};
  private Consumer<T> onSuccess = value -> {};
  private Consumer<Throwable> onFailure = error -> LOG.warn("Background task failed", error);
  private Runnable onFinished = () -> {};

  BackgroundTask(Executor ui, Work<T> work) {
    this.ui = Objects.requireNonNull(ui);
    this.work = Objects.requireNonNull(work);
  }

  /** Called on the UI thread before the work is handed to the worker. */
  public BackgroundTask<T> onRunning(Runnable action) {
    this.onRunning = action;
    return this;
  }

  public BackgroundTask<T> onSuccess(Consumer<T> action) {
    this.onSuccess = action;
    return this;
  }

  public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
    this.onFailure = action;
    return this;
  }

  /** Called on the UI thread after success or failure. */
  public BackgroundTask<T> onFinished(Runnable action) {
    this.onFinished = action;
    return this;
  }

  /**
   * Starts the work on {@code worker}; must be called on the UI thread.
   *
   * @return the cancellation the work sees (Cancel buttons fire it)
   */
  public Cancellation executeWith(Executor worker) {
    Cancellation cancellation = new Cancellation();
    onRunning.run();
    worker.execute(
        () -> {
          try {
            T value = work.run(cancellation);
            ui.execute(
                () -> {
                  try {
                    onSuccess.accept(value);
                  } finally {
                    onFinished.run();
                  }
                });
          } catch (Exception | Error e) {
            ui.execute(
                () -> {
                  try {
                    onFailure.accept(e);
                  } finally {
                    onFinished.run();
                  }
                });
          }
        });
    return cancellation;
  }
}
