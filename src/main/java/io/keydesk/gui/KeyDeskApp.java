package io.keydesk.gui;

import io.keydesk.app.AccountService;
import io.keydesk.app.DemoEnvironment;
import io.keydesk.app.desktop.DesktopAccounts;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.task.Tasks;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop app. */
public final class KeyDeskApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(KeyDeskApp.class);

  /**
   * How the app was launched.
   *
   * @param settings where the window remembers its bounds, theme and selection
   * @param userCache opens the local account cache (off the UI thread, after the first frame)
   */
  public record Options(
      boolean demo,
      boolean measureStartup,
      LongConsumer firstFrame,
      Supplier<Settings> settings,
      Supplier<DesktopAccounts> userCache) {
    /** The user's own settings and account cache. */
    public Options(boolean demo, boolean measureStartup, LongConsumer firstFrame) {
      this(demo, measureStartup, firstFrame, Settings::user, DesktopAccounts::openUserCache);
    }
  }

  private static volatile Options options = new Options(false, false, ms -> {});

  private final Tasks tasks = Tasks.fx();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private volatile DemoEnvironment demo;
  private volatile DesktopAccounts accounts;
  private SecurityKeys keys;
  private Settings settings;
  private volatile boolean stopped;
  private MainWindow window;

  static void configure(Options value) {
    options = value;
  }

  @Override
  public void start(Stage stage) {
    // Before the first frame only what it shows: no HID (hid4java/JNA), no SQLite, no demo server
    // (Javalin, BouncyCastle, Jackson), no model table. Those start once the frame is on screen.
    settings = options.settings().get();
    keys = SecurityKeys.withSimulators(List.of());
    MainWindow window = new MainWindow(services());
    this.window = window;
    Theme theme = settings.theme().orElse(Theme.LIGHT);
    Scene scene = window.buildWithoutStarting(theme);
    stage.setTitle("KeyDesk");
    stage.setScene(scene);
    settings.bounds().ifPresent(b -> {
      stage.setX(b.x());
      stage.setY(b.y());
      stage.setWidth(b.width());
      stage.setHeight(b.height());
    });
    stage.setOnCloseRequest(e -> {
      settings.saveBounds(
          new Settings.Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
      settings.flush();
    });
    if (options.demo()) {
      window.showStartingDemo(); // the lightweight state of the first frame
    }
    afterFirstFrame(stage, () -> {
      if (options.measureStartup()) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        options.firstFrame().accept(System.currentTimeMillis() - jvmStart);
        Platform.exit();
        return;
      }
      startServices(window, theme);
    });
    stage.show();
  }

  /** Runs {@code action} on the FX thread at the first pulse after the stage is shown. */
  private static void afterFirstFrame(Stage stage, Runnable action) {
    stage.setOnShown(e -> new AnimationTimer() {
      @Override
      public void handle(long now) {
        // the first pulse after show: the first frame is being rendered
        stop();
        Platform.runLater(action);
      }
    }.start());
  }

  /** Discovery, the account cache, the system theme and the demo: after the first frame. */
  private void startServices(MainWindow window, Theme theme) {
    window.start();
    tasks.background().execute(keys::preloadModels);
    if (!options.demo()) {
      tasks.wrap(c -> options.userCache().get())
          .onSuccess(opened -> {
            if (accounts == null && !stopped) {
              accounts = opened;
              closeables.add(opened);
              window.reloadAccounts(false);
            } else {
              opened.close(); // the demo started first and brought its own
            }
          })
          .onFailure(e -> {
            LOG.warn("The local account cache could not be opened: {}", e.getMessage());
            window.accountsUnavailable();
          })
          .executeWith(tasks.background());
    }
    if (settings.theme().isEmpty()) {
      tasks.wrap(c -> Theme.detectSystem(System.getenv()))
          .onSuccess(detected -> {
            if (detected != theme) {
              window.applyTheme(detected);
            }
          })
          .executeWith(tasks.background());
    }
    if (options.demo()) {
      window.startDemo();
    }
  }

  private MainWindow.Services services() {
    return new MainWindow.Services() {
      @Override
      public Tasks tasks() {
        return tasks;
      }

      @Override
      public SecurityKeys keys() {
        return keys;
      }

      @Override
      public Settings settings() {
        return settings;
      }

      @Override
      public Optional<DemoEnvironment> demo() {
        return Optional.ofNullable(demo);
      }

      @Override
      public void startDemo(Runnable started) {
        KeyDeskApp.this.startDemo(started);
      }

      @Override
      public Optional<AccountService> accounts() {
        return Optional.ofNullable(accounts).map(DesktopAccounts::service);
      }
    };
  }

  private void startDemo(Runnable started) {
    record Started(DemoEnvironment environment, DesktopAccounts accounts) {}
    tasks.wrap(c -> {
          DemoEnvironment environment = DemoEnvironment.start();
          try {
            return new Started(environment, DesktopAccounts.forDemo(environment));
          } catch (RuntimeException e) {
            environment.close();
            throw e;
          }
        })
        .onSuccess(up -> {
          DemoEnvironment environment = up.environment();
          if (stopped) {
            up.accounts().close();
            environment.close();
            return;
          }
          demo = environment;
          accounts = up.accounts();
          closeables.add(0, up.accounts());
          closeables.add(environment);
          keys.addRunningSimulator(environment.virtualKeyId(), environment.virtualKeyVersion());
          started.run();
        })
        .onFailure(e -> {
          LOG.warn("The demo could not start: {}", e.getMessage());
          window.demoFailed("The demo could not start (" + e.getMessage() + "). Try again, or"
              + " run 'keydesk --demo --verbose' in a terminal to see why.");
        })
        .executeWith(tasks.background());
  }

  @Override
  public void stop() {
    stopped = true;
    tasks.close();
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("Closing {}: {}", closeable, e.getMessage());
      }
    }
    if (keys != null) {
      keys.close();
    }
  }
}
