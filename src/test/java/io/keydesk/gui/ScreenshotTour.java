package io.keydesk.gui;

import io.keydesk.app.DemoEnvironment;
import io.keydesk.app.desktop.Cancellation;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.prompt.PinDialog;
import io.keydesk.gui.prompt.PinRequest;
import io.keydesk.gui.task.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

/**
 * Walks the demo through the main screens on a real display (Xvfb) and captures each with
 * ImageMagick's {@code import -window root}: packaging/screenshots.sh runs it. Args: OUTPUT_DIR
 * light|dark.
 */
public final class ScreenshotTour extends Application {
  private static Path out;
  private static Theme theme;

  public static void main(String[] args) {
    out = Path.of(args[0]);
    theme = Theme.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
    launch(args);
  }

  @Override
  public void start(Stage stage) throws Exception {
    Files.createDirectories(out);
    DemoEnvironment demo = DemoEnvironment.start();
    SecurityKeys keys = DemoWindowServices.keysOf(demo);
    Tasks tasks = Tasks.fx();
    Settings settings = InMemoryPreferences.freshSettings();
    io.keydesk.app.desktop.DesktopAccounts accounts =
        io.keydesk.app.desktop.DesktopAccounts.forDemo(demo);
    MainWindow window = new MainWindow(
        DemoWindowServices.of(tasks, keys, settings, demo).withAccounts(accounts::service));
    stage.setScene(window.build(theme));
    stage.setX(0);
    stage.setY(0);
    stage.setTitle("KeyDesk");
    stage.show();
    Thread tour = new Thread(() -> {
      try {
        String t = theme.name().toLowerCase(java.util.Locale.ROOT);
        pause(3500);
        capture("device-" + t);
        fx(() -> window.reloadAccounts(true));
        pause(2500);
        fx(() -> ((javafx.scene.control.Button) stage.getScene().lookup("#login-ok")).fire());
        pause(2500);
        addKey(stage, demo, "Office key");
        pause(1200);
        capture("account-" + t);
        fx(() -> {
          ListView<?> list = (ListView<?>) stage.getScene().lookup("#key-list");
          list.getSelectionModel().select(0);
        });
        pause(2000);
        fx(() -> new PinDialog(sheets(stage)).ask(new PinRequest(PinRequest.Mode.CHANGE,
            "KeyDesk Software Authenticator", 4, Optional.of(3), Optional.empty())));
        pause(800);
        capture("pin-" + t);
        fx(() -> stage.getScene().getRoot().fireEvent(escape()));
        pause(500);
        fx(() -> new io.keydesk.gui.prompt.TouchPrompt(sheets(stage))
            .show("KeyDesk Software Authenticator", new Cancellation(), Optional.of(() -> {})));
        pause(900);
        capture("touch-" + t);
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        Platform.exit();
        demo.close();
        System.exit(0);
      }
    });
    tour.setDaemon(true);
    tour.start();
  }

  /** Adds a key on the account page: the name, the demo's emailed code, touches of the key. */
  private static void addKey(Stage stage, DemoEnvironment demo, String name) throws Exception {
    fx(() -> ((javafx.scene.control.Button) stage.getScene().lookup("#account-add-key")).fire());
    pause(600);
    fx(() -> {
      ((javafx.scene.control.TextField) stage.getScene().lookup("#add-key-name")).setText(name);
      ((javafx.scene.control.Button) stage.getScene().lookup("#add-key-ok")).fire();
    });
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      pause(300);
      boolean[] sudo = new boolean[1];
      boolean[] done = new boolean[1];
      fx(() -> {
        sudo[0] = stage.getScene().lookup("#sudo-dialog") != null;
        javafx.scene.control.TableView<?> table =
            (javafx.scene.control.TableView<?>) stage.getScene().lookup("#account-keys");
        done[0] = table != null && !table.getItems().isEmpty();
      });
      if (done[0]) {
        return;
      }
      if (sudo[0] && demo.lastEmailedCode().isPresent()) {
        String code = demo.lastEmailedCode().get();
        fx(() -> {
          ((javafx.scene.control.TextField) stage.getScene().lookup("#sudo-code")).setText(code);
          ((javafx.scene.control.Button) stage.getScene().lookup("#sudo-ok")).fire();
        });
      }
      if (demo.isWaitingForTouch()) {
        demo.touchVirtualKey();
      }
    }
  }

  private static io.keydesk.gui.prompt.SheetHost sheetHost;

  private static io.keydesk.gui.prompt.SheetHost sheets(Stage stage) {
    if (sheetHost == null) {
      sheetHost = new io.keydesk.gui.prompt.SheetHost(
          (javafx.scene.layout.StackPane) stage.getScene().getRoot());
    }
    return sheetHost;
  }

  private static javafx.scene.input.KeyEvent escape() {
    return new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
        javafx.scene.input.KeyCode.ESCAPE, false, false, false, false);
  }

  private static void fx(Runnable action) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Platform.runLater(() -> {
      try {
        action.run();
      } finally {
        done.countDown();
      }
    });
    done.await(5, TimeUnit.SECONDS);
  }

  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis); // a tour for humans, not a test: let animations settle
  }

  private static void capture(String name) throws Exception {
    Path file = out.resolve(name + ".png");
    // small files: scaled down and few colours keep the whole set well under 1 MB
    Process p = new ProcessBuilder("import", "-window", "root", "-resize", "80%", "+dither", "-colors", "24",
        "-define", "png:compression-level=9", "-define", "png:compression-filter=5",
        "-strip", file.toString()).inheritIO().start();
    p.waitFor(20, TimeUnit.SECONDS);
  }

}
