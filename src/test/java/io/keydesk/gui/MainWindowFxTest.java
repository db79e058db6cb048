package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.DemoEnvironment;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.task.Tasks;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window against the demo environment (reference RP on loopback, software authenticator over
 * UDP), headless on Monocle: the device page, PIN set, Test this key with a virtual touch, and
 * Cancel during the touch prompt.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
  private static DemoEnvironment demo;
  private static SecurityKeys keys;
  private static Tasks tasks;
  private MainWindow window;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoEnvironment.start();
    keys = DemoWindowServices.keysOf(demo);
    tasks = Tasks.fx();
  }

  @AfterAll
  static void stopDemo() {
    tasks.close();
    keys.close();
    demo.close();
  }

  @Start
  void start(Stage stage) {
    Settings settings = InMemoryPreferences.freshSettings();
    window = new MainWindow(DemoWindowServices.of(tasks, keys, settings, demo));
    stage.setScene(window.build(Theme.LIGHT));
    stage.show();
  }

  private static void waitFor(String what, java.util.concurrent.Callable<Boolean> condition)
      throws TimeoutException {
    FxWait.until(what, condition);
  }

  /** A sidebar cell's two lines ("name\ndetail"). */
  private static String sidebarLines(javafx.scene.Node cell) {
    List<Label> labels =
        ((javafx.scene.Parent) cell)
            .lookupAll(".label").stream()
                .filter(Label.class::isInstance)
                .map(Label.class::cast)
                .toList();
    return labels.size() < 2 ? "" : labels.get(0).getText() + "\n" + labels.get(1).getText();
  }

  private static String text(FxRobot robot, String id) {
    return FxWait.onFx(() -> robot.lookup("#" + id).queryAs(Label.class).getText());
  }

  private void openVirtualKey(FxRobot robot) throws TimeoutException {
    waitFor(
        "the virtual key in the list",
        () -> !robot.lookup("#key-list").queryListView().getItems().isEmpty());
    ListView<?> list = robot.lookup("#key-list").queryListView();
    robot.interact(() -> list.getSelectionModel().select(0));
    waitFor(
        "the device overview",
        () ->
            robot.lookup("#device-pin").tryQuery().isPresent()
                && !text(robot, "device-pin").equals("…"));
  }

  @Test
  void theOnlyKeyIsSelectedByItselfAndNamedByItsModel(FxRobot robot) throws TimeoutException {
    // nothing remembered (fresh settings) and exactly one key: its page opens without a click
    waitFor(
        "the device page",
        () ->
            robot.lookup("#device-pin").tryQuery().isPresent()
                && !text(robot, "device-pin").equals("…"));
    ListView<?> list = robot.lookup("#key-list").queryListView();
    assertThat(list.getSelectionModel().getSelectedIndex()).isEqualTo(0);
    assertThat(text(robot, "device-title")).isEqualTo("KeyDesk Software Authenticator");
    assertThat(robot.lookup("#device-model-warning").queryAs(Label.class).isVisible()).isFalse();

    // the sidebar names the key by its model (AAGUID), product and transport on the second line
    String product = ((io.keydesk.app.desktop.KeyRef) list.getItems().get(0)).product();
    waitFor(
        "the model name in the sidebar",
        () ->
            robot.lookup("#key-list .list-cell").queryAll().stream()
                .anyMatch(
                    c ->
                        ("KeyDesk Software Authenticator\n" + product + " · UDP")
                            .equals(
                                ((javafx.scene.control.Labeled) c).getAccessibleText() == null
                                    ? ""
                                    : sidebarLines(c))));

    // the getInfo grid's labels are whole (no "Discover…") at the default window size
    WaitForAsyncUtils.waitForFxEvents();
    List<Label> labels =
        robot.lookup("#device-summary .label").queryAllAs(Label.class).stream()
            .filter(l -> l.getStyleClass().contains("muted"))
            .toList();
    assertThat(labels).extracting(Label::getText).contains("Discoverable credentials");
    for (Label label : labels) {
      assertThat(label.getWidth())
          .as(label.getText())
          .isGreaterThanOrEqualTo(label.prefWidth(-1) - 0.5);
    }
  }

  @Test
  void devicePageShowsGetInfoAndSetsAPin(FxRobot robot) throws TimeoutException {
    openVirtualKey(robot);
    assertThat(text(robot, "device-title")).isEqualTo("KeyDesk Software Authenticator");
    assertThat(text(robot, "device-version")).isEqualTo("FIDO 2.1");
    assertThat(text(robot, "device-pin")).isEqualTo("No PIN set");

    robot.clickOn("#device-pin-button");
    waitFor("the PIN dialog", () -> robot.lookup("#pin-dialog").tryQuery().isPresent());
    robot.clickOn("#pin-new").write("12");
    robot.clickOn("#pin-confirm").write("12");
    robot.clickOn("#pin-ok");
    assertThat(text(robot, "pin-error")).isEqualTo("The new PIN needs at least 4 characters.");
    robot.clickOn("#pin-new").write("34");
    robot.clickOn("#pin-confirm").write("34");
    robot.clickOn("#pin-ok");
    waitFor("the PIN badge", () -> text(robot, "device-pin").equals("PIN set · 8 tries left"));
    assertThat(text(robot, "device-message")).startsWith("PIN set on ");
    assertThat(robot.lookup("#pin-dialog").tryQuery()).isEmpty();

    // Test this key: PIN, then two touches of the virtual key.
    robot.clickOn("#device-test");
    waitFor("the PIN dialog", () -> robot.lookup("#pin-current").tryQuery().isPresent());
    robot.clickOn("#pin-current").write("1234");
    robot.clickOn("#pin-ok");
    // Touch whenever the key asks (once or twice, depending on how it treats the PIN token).
    int touches = 0;
    while (robot.lookup("#device-test-verdict").tryQuery().isEmpty()) {
      waitFor(
          "a touch prompt or the verdict",
          () ->
              (demo.isWaitingForTouch() && robot.lookup("#touch-virtual").tryQuery().isPresent())
                  || robot.lookup("#device-test-verdict").tryQuery().isPresent()
                  || !text(robot, "device-error").isEmpty());
      assertThat(text(robot, "device-error")).isEmpty();
      if (demo.isWaitingForTouch() && robot.lookup("#touch-virtual").tryQuery().isPresent()) {
        robot.clickOn("#touch-virtual");
        touches++;
        // the virtual key takes the touch at once (the next prompt may already be up)
        waitFor(
            "the touch to register",
            () ->
                !demo.isWaitingForTouch() || robot.lookup("#touch-virtual").tryQuery().isPresent());
      }
    }
    assertThat(touches).isBetween(1, 3);
    waitFor("the touch prompt to close", () -> robot.lookup("#touch-prompt").tryQuery().isEmpty());
    waitFor("the verdict", () -> robot.lookup("#device-test-verdict").tryQuery().isPresent());
    assertThat(text(robot, "device-test-verdict")).startsWith("This key works");
  }

  @Test
  void cancelDuringTheTouchPromptCancelsOnTheDevice(FxRobot robot) throws TimeoutException {
    openVirtualKey(robot);
    boolean hasPin = text(robot, "device-pin").startsWith("PIN set");
    robot.clickOn("#device-test");
    if (hasPin) {
      waitFor("the PIN dialog", () -> robot.lookup("#pin-current").tryQuery().isPresent());
      robot.clickOn("#pin-current").write("1234");
      robot.clickOn("#pin-ok");
    }
    waitFor("the touch prompt", () -> robot.lookup("#touch-cancel").tryQuery().isPresent());
    // The key sends UP_NEEDED (which opens the prompt) before it asks its presence policy.
    waitFor("the virtual key to wait for a touch", demo::isWaitingForTouch);
    robot.clickOn("#touch-cancel");
    waitFor("the cancellation", () -> !text(robot, "device-error").isEmpty());
    assertThat(text(robot, "device-error")).isEqualTo("Cancelled; nothing was changed.");
    waitFor("the virtual key to stop waiting", () -> !demo.isWaitingForTouch());
    assertThat(robot.lookup("#touch-prompt").tryQuery()).isEmpty();
  }
}
