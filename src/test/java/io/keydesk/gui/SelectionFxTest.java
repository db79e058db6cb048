package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.DemoEnvironment;
import io.keydesk.app.desktop.DesktopAccounts;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.task.Tasks;
import io.keydesk.store.Account;
import java.util.concurrent.TimeoutException;
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
 * The remembered selection at startup: an account remembered from last time is selected again once
 * the accounts load, even though exactly one key is plugged in (which would be selected when
 * nothing was remembered).
 */
@ExtendWith(ApplicationExtension.class)
class SelectionFxTest {
  private static DemoEnvironment demo;
  private static SecurityKeys keys;
  private static Tasks tasks;
  private static DesktopAccounts accounts;
  private static Account remembered;
  private MainWindow window;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoEnvironment.start();
    keys = DemoWindowServices.keysOf(demo);
    tasks = Tasks.fx();
    accounts = DesktopAccounts.forDemo(demo);
    remembered = accounts.service().accounts().get(0);
  }

  @AfterAll
  static void stopDemo() {
    tasks.close();
    keys.close();
    accounts.close();
    demo.close();
  }

  @Start
  void start(Stage stage) {
    Settings settings = InMemoryPreferences.freshSettings();
    settings.saveSelection("account:" + remembered.id());
    window =
        new MainWindow(
            DemoWindowServices.of(tasks, keys, settings, demo).withAccounts(accounts::service));
    stage.setScene(window.build(Theme.LIGHT));
    stage.show();
  }

  @Test
  void aRememberedAccountWinsOverTheOnlyKey(FxRobot robot) throws TimeoutException {
    ListView<?> keyList = robot.lookup("#key-list").queryListView();
    ListView<?> accountList = robot.lookup("#account-list").queryListView();
    // the key is listed first; the window waits for the accounts instead of taking the key
    FxWait.until("the key in the list", () -> keyList.getItems().size() == 1);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(keyList.getSelectionModel().getSelectedItem()).isNull();
    robot.interact(() -> window.reloadAccounts(false));
    FxWait.until(
        "the remembered account selected",
        () -> accountList.getSelectionModel().getSelectedItem() != null);
    assertThat(((Account) accountList.getSelectionModel().getSelectedItem()).id())
        .isEqualTo(remembered.id());
    assertThat(keyList.getSelectionModel().getSelectedItem()).isNull();
    assertThat(robot.lookup("#account-page").tryQuery()).isPresent();
  }
}
