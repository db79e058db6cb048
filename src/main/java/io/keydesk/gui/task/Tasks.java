package io.keydesk.gui.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * Where work runs: one single-thread executor per device (a CTAPHID channel is serial), one for
 * network and database work, and the UI executor for results. Tests use {@link #direct()}: every
 * executor runs on the calling thread.
 */
public final class Tasks implements AutoCloseable {
  private final Executor ui;
  private final boolean direct;
  private final Map<String, ExecutorService> devices = new ConcurrentHashMap<>();
  private final ExecutorService background;

  private Tasks(Executor ui, boolean direct) {
    this.ui = ui;
    this.direct = direct;
    this.background = direct ? null : Executors.newCachedThreadPool(daemon("keydesk-background"));
  }

  /** Results through {@code Platform.runLater}, work on daemon threads. */
  public static Tasks fx() {
    return new Tasks(
        command -> {
          if (Platform.isFxApplicationThread()) {
            command.run();
          } else {
            Platform.runLater(command);
          }
        },
        false);
  }

  /** Everything on the calling thread (view-model tests). */
  public static Tasks direct() {
    return new Tasks(Runnable::run, true);
  }

  public <T> BackgroundTask<T> wrap(BackgroundTask.Work<T> work) {
    return new BackgroundTask<>(ui, work);
  }

  public Executor ui() {
    return ui;
  }

  /** The device's own worker thread. */
  public Executor device(String deviceId) {
    if (direct) {
      return Runnable::run;
    }
    return devices.computeIfAbsent(
        deviceId, id -> Executors.newSingleThreadExecutor(daemon("keydesk-device " + id)));
  }

  /** Network and database work. */
  public Executor background() {
    return direct ? Runnable::run : background;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    devices.values().forEach(ExecutorService::shutdownNow);
    if (background != null) {
      background.shutdownNow();
    }
  }
}
