package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.desktop.DesktopAccounts;
import io.keydesk.store.Account;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app as the jar starts it: {@link KeyDeskApp} with the real executors, the first frame first,
 * then discovery, the account cache and the demo in the background. Only the settings and the
 * account cache are the test's own.
 */
class LaunchFxTest {
  private static final String VIRTUAL_KEY_MODEL = "KeyDesk Software Authenticator";
  private final FxRobot robot = new FxRobot();
  private KeyDeskApp app;
  private Stage stage;

  @TempDir Path temp;

  @BeforeAll
  static void toolkit() throws TimeoutException {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void close() throws TimeoutException {
    if (app != null) {
      FxToolkit.setupFixture(
          () -> {
            try {
              app.stop();
            } finally {
              stage.close();
            }
          });
    }
    KeyDeskApp.configure(new KeyDeskApp.Options(false, false, ms -> {}));
  }

  @Test
  void theDemoOpensTheOnlyKeyByItselfWithItsModelName() throws TimeoutException {
    Settings settings = InMemoryPreferences.freshSettings();
    launch(
        true,
        settings,
        () -> {
          throw new AssertionError("the demo brings its own account cache");
        });
    assertThat(robot.lookup("#starting-demo").tryQuery()).isPresent();
    // The real app allocates a lot while the demo starts (Javalin, BouncyCastle): garbage is
    // collected before the key is listed. Whatever the window listens to must survive that.
    System.gc();

    FxWait.until("the virtual key's page", () -> titleIs(VIRTUAL_KEY_MODEL));
    FxWait.until(
        "the virtual key in the sidebar", () -> sidebarNames().equals(List.of(VIRTUAL_KEY_MODEL)));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#starting-demo").tryQuery()).isEmpty();
    assertThat(robot.lookup("#demo-badge").queryLabeled().getText())
        .startsWith("Demo · RP https://localhost:");
    ListView<?> keyList = robot.lookup("#key-list").queryListView();
    assertThat(keyList.getSelectionModel().getSelectedIndex()).isZero();
    assertThat(settings.selection()).hasValueSatisfying(s -> assertThat(s).startsWith("key:udp:"));
    // the demo key has no PIN: the page points to its own button, not to the CLI
    assertThat(summaryValue("PIN"))
        .contains("not set (minimum length 4); set one with \"Set PIN…\"");
    assertThat(robot.lookup("#device-pin-button").queryButton().getText()).isEqualTo("Set _PIN…");
  }

  @Test
  void firstRunUseTheVirtualKeyOpensItsPage() throws TimeoutException {
    launch(
        false,
        InMemoryPreferences.freshSettings(),
        () -> DesktopAccounts.open(temp.resolve("cache.db")));
    FxWait.until(
        "the first-run page", () -> robot.lookup("#use-virtual-key").tryQuery().isPresent());
    System.gc();
    robot.clickOn("#use-virtual-key");

    FxWait.until("the virtual key's page", () -> titleIs(VIRTUAL_KEY_MODEL));
    FxWait.until(
        "the virtual key in the sidebar", () -> sidebarNames().equals(List.of(VIRTUAL_KEY_MODEL)));
    assertThat(robot.lookup("#starting-demo").tryQuery()).isEmpty();
  }

  @Test
  void firstRunTryTheDemoOpensTheDemoAccount() throws TimeoutException {
    launch(
        false,
        InMemoryPreferences.freshSettings(),
        () -> {
          throw new IllegalStateException("no cache here");
        });
    FxWait.until(
        "the first-run page", () -> robot.lookup("#use-virtual-key").tryQuery().isPresent());
    robot.clickOn("#add-account");
    FxWait.until("the Try the demo button", () -> robot.lookup("#try-demo").tryQuery().isPresent());
    System.gc();
    robot.clickOn("#try-demo");

    FxWait.until("the account page", () -> robot.lookup("#account-page").tryQuery().isPresent());
    ListView<?> accounts = robot.lookup("#account-list").queryListView();
    assertThat(((Account) accounts.getSelectionModel().getSelectedItem()).username())
        .isEqualTo("demo@example.com");
    // the key is listed (and named) but the account stays on screen
    FxWait.until(
        "the virtual key in the sidebar", () -> sidebarNames().equals(List.of(VIRTUAL_KEY_MODEL)));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#account-page").tryQuery()).isPresent();
  }

  private void launch(boolean demo, Settings settings, Supplier<DesktopAccounts> cache)
      throws TimeoutException {
    KeyDeskApp.configure(new KeyDeskApp.Options(demo, false, ms -> {}, () -> settings, cache));
    FxToolkit.setupFixture(
        () -> {
          app = new KeyDeskApp();
          stage = new Stage();
          app.start(stage); // shows the stage; the services start at the first pulse after that
        });
  }

  private boolean titleIs(String expected) {
    Optional<Node> title = robot.lookup("#device-title").tryQuery();
    return title.isPresent() && expected.equals(((Label) title.get()).getText());
  }

  private List<String> sidebarNames() {
    return robot.lookup("#key-list").lookup(".sidebar-name").queryAllAs(Label.class).stream()
        .filter(Node::isVisible)
        .map(Label::getText)
        .filter(t -> t != null && !t.isEmpty())
        .toList();
  }

  /** The value next to {@code label} in the device page's summary, once loaded. */
  private String summaryValue(String label) throws TimeoutException {
    GridPane summary = robot.lookup("#device-summary").queryAs(GridPane.class);
    FxWait.until("the summary", () -> !summary.getChildren().isEmpty());
    List<Node> cells = summary.getChildren();
    for (int i = 0; i + 1 < cells.size(); i += 2) {
      if (((Label) cells.get(i)).getText().equals(label)) {
        return ((Label) cells.get(i + 1)).getText();
      }
    }
    throw new AssertionError("No line " + label + " in the summary");
  }
}
