package io.keydesk.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keydesk.app.AccountKeysView;
import io.keydesk.app.AccountService;
import io.keydesk.app.DemoEnvironment;
import io.keydesk.app.KeyRemovalResult;
import io.keydesk.app.desktop.DesktopAccounts;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.account.KeyRow;
import io.keydesk.gui.task.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
 * The account page against the demo environment (reference RP over HTTPS on loopback with a
 * self-signed certificate, software authenticator over UDP), headless on Monocle: add an account
 * (pinning its certificate), add a key with the emailed sudo code and a touch, the one-key note,
 * rename in place (Esc cancels, Enter saves), log in again with the key, remove the last key (the
 * warning and the server's two-factor-off answer), then the offline banner once the RP stops.
 */
@ExtendWith(ApplicationExtension.class)
class AccountPageFxTest {
  /** How long the demo RP's emailed sudo code is valid (SudoService.CODE_LIFETIME). */
  private static final Duration SUDO_CODE_LIFETIME = Duration.ofMinutes(15);

  private static DemoEnvironment demo;
  private static boolean demoClosed;
  private static SecurityKeys keys;
  private static Tasks tasks;
  private static DesktopAccounts accounts;
  private static Path cache;
  private MainWindow window;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoEnvironment.start();
    keys = DemoWindowServices.keysOf(demo);
    tasks = Tasks.fx();
    cache = Files.createTempDirectory("keydesk-gui-accounts-");
    accounts = DesktopAccounts.open(cache.resolve("keydesk.db"));
  }

  @AfterAll
  static void stopDemo() throws Exception {
    tasks.close();
    keys.close();
    accounts.close();
    if (!demoClosed) {
      demo.close();
    }
    try (var files = Files.walk(cache)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Start
  void start(Stage stage) {
    Settings settings = InMemoryPreferences.freshSettings();
    window =
        new MainWindow(
            DemoWindowServices.of(tasks, keys, settings, demo)
                .withDemo(() -> demoClosed ? Optional.empty() : Optional.of(demo))
                .withAccounts(accounts::service));
    stage.setScene(window.build(Theme.LIGHT));
    stage.show();
  }

  private static void waitFor(String what, Callable<Boolean> condition) throws TimeoutException {
    FxWait.until(what, condition);
  }

  private static String text(FxRobot robot, String id) {
    return FxWait.onFx(() -> robot.lookup("#" + id).queryAs(Label.class).getText());
  }

  /** The node on screen with {@code id} (table cells that were let go keep theirs). */
  private static Optional<javafx.scene.Node> onScreen(FxRobot robot, String id) {
    return FxWait.onFx(
        () ->
            robot
                .lookup("#" + id)
                .match((javafx.scene.Node n) -> n.getScene() != null && n.isVisible())
                .tryQuery());
  }

  private static boolean showing(FxRobot robot, String id) {
    return onScreen(robot, id).isPresent();
  }

  private static void click(FxRobot robot, String id) {
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn(onScreen(robot, id).orElseThrow());
  }

  @SuppressWarnings("unchecked")
  private static List<KeyRow> rows(FxRobot robot) {
    return FxWait.onFx(
        () -> List.copyOf(robot.lookup("#account-keys").queryAs(TableView.class).getItems()));
  }

  /** Touches the virtual key whenever it asks, until {@code done}. */
  private static void touchUntil(FxRobot robot, String what, Callable<Boolean> done)
      throws Exception {
    while (!done.call()) {
      waitFor(
          "a touch prompt or " + what,
          () ->
              (demo.isWaitingForTouch() && showing(robot, "touch-virtual"))
                  || done.call()
                  || !text(robot, "account-error").isEmpty());
      assertThat(text(robot, "account-error")).isEmpty();
      if (demo.isWaitingForTouch() && showing(robot, "touch-virtual")) {
        click(robot, "touch-virtual");
        waitFor(
            "the touch to register",
            () -> !demo.isWaitingForTouch() || showing(robot, "touch-virtual"));
      }
    }
  }

  /**
   * Enters the emailed code when the sudo dialog shows. Its countdown starts at the code's lifetime
   * when the RP issued the code, some time after {@code requested}: however slow the machine, it
   * shows no more than the lifetime and no less than the lifetime minus the time since then.
   */
  /**
   * Whether {@code lastUsed} says the key was used since the start of {@code day} (local): "today",
   * or also "yesterday" once local midnight has passed since (the row may have been drawn either
   * side of it).
   */
  private static boolean usedOnDay(String lastUsed, LocalDate day) {
    if (LocalDate.now().equals(day)) {
      return lastUsed.equals("today");
    }
    return lastUsed.equals("today") || lastUsed.equals("yesterday");
  }

  private void enterSudoCodeIfAsked(FxRobot robot, Instant requested, Callable<Boolean> done)
      throws Exception {
    waitFor("the sudo dialog or the result", () -> showing(robot, "sudo-dialog") || done.call());
    if (showing(robot, "sudo-dialog")) {
      String code = demo.lastEmailedCode().orElseThrow();
      assertThat(text(robot, "sudo-sent")).isEqualTo("We sent a 6-digit code to d•••@example.com.");
      assertThat(text(robot, "sudo-demo-code")).isEqualTo("Demo: the code is " + code);
      String shown = text(robot, "sudo-time-left");
      Matcher timeLeft = Pattern.compile("Valid for (\\d+):([0-5]\\d) more\\.").matcher(shown);
      assertThat(timeLeft.matches()).as(shown).isTrue();
      Duration left =
          Duration.ofMinutes(Long.parseLong(timeLeft.group(1)))
              .plusSeconds(Long.parseLong(timeLeft.group(2)));
      Duration since = Duration.between(requested, Instant.now());
      assertThat(left)
          .isLessThanOrEqualTo(SUDO_CODE_LIFETIME)
          .isGreaterThanOrEqualTo(SUDO_CODE_LIFETIME.minus(since).minusSeconds(1));
      click(robot, "sudo-code");
      robot.write(code);
      robot.type(KeyCode.ENTER);
    }
  }

  @Test
  void theWholeAccountStory(FxRobot robot) throws Exception {
    // Add the account: the self-signed certificate's fingerprint is shown and must be confirmed.
    click(robot, "add-account");
    waitFor("the add-account dialog", () -> showing(robot, "add-account-dialog"));
    click(robot, "add-account-url");
    robot.write(demo.rpUrl());
    click(robot, "add-account-user");
    robot.write(DemoEnvironment.DEMO_EMAIL);
    click(robot, "add-account-password");
    robot.write(DemoEnvironment.DEMO_PASSWORD);
    click(robot, "add-account-ok");
    waitFor("the fingerprint", () -> !text(robot, "add-account-fingerprint").isEmpty());
    assertThat(text(robot, "add-account-fingerprint"))
        .contains(demo.rpFingerprint().toUpperCase(Locale.ROOT))
        .startsWith("This computer does not trust the server's certificate");
    assertThat(accounts.service().accounts()).isEmpty();
    click(robot, "add-account-pin");

    // The page logs in with the typed password (no second factor yet) and shows no key.
    waitFor(
        "the account page",
        () ->
            showing(robot, "account-page")
                && text(robot, "account-two-factor").equals("Two-factor: OFF (0 keys)"));
    assertThat(text(robot, "account-title"))
        .isEqualTo(DemoEnvironment.DEMO_EMAIL + " at " + demo.rpUrl());
    assertThat(accounts.service().accounts().get(0).pinnedFingerprint())
        .contains(demo.rpFingerprint().replace(":", "").toLowerCase(Locale.ROOT));

    // Add a key: the name, the sudo code from the (demo) email, a touch.
    click(robot, "account-add-key");
    waitFor("the name dialog", () -> showing(robot, "add-key-dialog"));
    click(robot, "add-key-ok");
    assertThat(text(robot, "add-key-error"))
        .isEqualTo("Give the key a name, such as \"Office key\".");
    click(robot, "add-key-name");
    robot.write("Office key");
    Instant requested = Instant.now();
    robot.type(KeyCode.ENTER);
    enterSudoCodeIfAsked(robot, requested, () -> false);
    touchUntil(robot, "the new key", () -> rows(robot).size() == 1);
    waitFor("the header", () -> text(robot, "account-two-factor").equals("Two-factor: ON (1 key)"));
    KeyRow office = rows(robot).get(0);
    assertThat(office.name()).isEqualTo("Office key");
    assertThat(office.model()).isEqualTo("KeyDesk Software Authenticator");
    assertThat(office.lastUsed()).isEqualTo("never");
    assertThat(text(robot, "account-recommendation"))
        .isEqualTo(AccountKeysView.BACKUP_RECOMMENDATION);

    // Rename in place: Esc cancels, Enter saves.
    waitFor("the Rename button", () -> showing(robot, "rename-0"));
    click(robot, "rename-0");
    robot.write("Not this");
    robot.type(KeyCode.ESCAPE);
    assertThat(rows(robot).get(0).name()).isEqualTo("Office key");
    click(robot, "rename-0");
    robot.write("Desk key");
    robot.type(KeyCode.ENTER);
    waitFor("the new name", () -> rows(robot).get(0).name().equals("Desk key"));
    assertThat(text(robot, "account-message")).isEqualTo("Renamed to Desk key.");

    // Log in again: password (filled in for the demo), then the key with a touch.
    robot.interact(window::logOut);
    waitFor("the password dialog", () -> showing(robot, "login-dialog"));
    click(robot, "login-ok");
    waitFor("the second step", () -> showing(robot, "login-second-dialog"));
    assertThat(robot.lookup("#login-use-totp").tryQuery()).isEmpty(); // no TOTP enrolled
    LocalDate loginDay = LocalDate.now();
    click(robot, "login-use-key");
    touchUntil(
        robot,
        "the list after the login",
        () -> rows(robot).size() == 1 && usedOnDay(rows(robot).get(0).lastUsed(), loginDay));
    waitFor(
        "the page to settle",
        () ->
            !showing(robot, "touch-prompt")
                && !robot.lookup("#account-add-key").queryButton().isDisabled());

    // Remove the last key: the warning, then the server's answer that two-factor is off.
    click(robot, "remove-0");
    waitFor("the last-key warning", () -> showing(robot, "confirm-dialog"));
    assertThat(text(robot, "confirm-message")).isEqualTo(AccountService.LAST_KEY_WARNING);
    Instant removal = Instant.now();
    click(robot, "confirm-yes");
    enterSudoCodeIfAsked(robot, removal, () -> rows(robot).isEmpty());
    waitFor(
        "the key to go",
        () ->
            rows(robot).isEmpty()
                && text(robot, "account-two-factor").equals("Two-factor: OFF (0 keys)"));
    assertThat(text(robot, "account-warning")).isEqualTo(KeyRemovalResult.TWO_FACTOR_OFF);
    assertThat(text(robot, "account-recommendation")).isEmpty();

    // Offline: stop the RP and refresh; the cached list with the time it was fetched.
    demo.close();
    demoClosed = true;
    robot.press(KeyCode.CONTROL).press(KeyCode.R).release(KeyCode.R).release(KeyCode.CONTROL);
    waitFor("the offline banner", () -> !text(robot, "account-offline").isEmpty());
    assertThat(text(robot, "account-offline"))
        .matches("Showing the list from \\d\\d:\\d\\d\\. The server can't be reached right now\\.");
    assertThat(robot.lookup("#account-add-key").queryButton().isDisabled()).isTrue();
  }
}
