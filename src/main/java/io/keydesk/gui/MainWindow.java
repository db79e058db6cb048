package io.keydesk.gui;

import io.keydesk.app.AccountService;
import io.keydesk.app.DemoEnvironment;
import io.keydesk.gui.account.AccountSessions;
import io.keydesk.gui.account.AccountSheets;
import io.keydesk.gui.account.AccountView;
import io.keydesk.gui.account.AccountViewModel;
import io.keydesk.gui.account.AddAccountDialog;
import io.keydesk.gui.account.AddAccountViewModel;
import io.keydesk.store.Account;
import java.time.Clock;
import java.time.ZoneId;
import io.keydesk.app.desktop.Cancellation;
import io.keydesk.app.desktop.KeyRef;
import io.keydesk.app.desktop.SecurityKeys;
import io.keydesk.gui.device.DeviceView;
import io.keydesk.gui.device.DeviceViewModel;
import io.keydesk.gui.prompt.Confirmation;
import io.keydesk.gui.prompt.PinDialog;
import io.keydesk.gui.prompt.PinEntry;
import io.keydesk.gui.prompt.PinRequest;
import io.keydesk.gui.prompt.SheetHost;
import io.keydesk.gui.prompt.TouchPrompt;
import io.keydesk.gui.task.Tasks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window: header (title, theme switch), sidebar (SECURITY KEYS, ACCOUNTS), the content
 * pane for the selection, banners and the status bar, with sheets over everything.
 */
public final class MainWindow {
  /** What the window runs on. {@code demo} is empty until the demo starts. */
  public interface Services {
    Tasks tasks();

    SecurityKeys keys();

    Settings settings();

    Optional<DemoEnvironment> demo();

    /** Starts the demo (RP and virtual key), then calls back on the UI thread. */
    void startDemo(Runnable started);

    /** The account use cases; empty until the local cache is open (the demo has its own). */
    default Optional<AccountService> accounts() {
      return Optional.empty();
    }
  }

  private final Services services;
  private final MainViewModel model;
  private final StackPane root = new StackPane();
  private final SheetHost sheets = new SheetHost(root);
  private final TouchPrompt touchPrompt = new TouchPrompt(sheets);
  private final PinDialog pinDialog = new PinDialog(sheets);
  private final BorderPane content = new BorderPane();
  private final ListView<KeyRef> keyList = new ListView<>();
  private final ListView<Account> accountList = new ListView<>();
  private final AccountSessions sessions = new AccountSessions();
  private final ToggleButton themeSwitch = new ToggleButton();
  private final Label demoBadge = new Label();
  private Runnable disposeCurrent;
  private Theme theme = Theme.LIGHT;

  public MainWindow(Services services) {
    this.services = services;
    this.model = new MainViewModel(services.tasks(), services.keys());
  }

  public MainViewModel model() {
    return model;
  }

  /** Builds the scene; call on the FX thread. */
  public Scene build(Theme initialTheme) {
    BorderPane window = new BorderPane();
    window.setTop(new VBox(header(), udevBanner()));
    window.setLeft(sidebar());
    content.setId("content");
    window.setCenter(content);
    window.setBottom(statusBar());
    root.getChildren().add(window);
    Scene scene = new Scene(root, 1000, 660);
    scene.getStylesheets().add(
        Objects.requireNonNull(getClass().getResource("keydesk.css")).toExternalForm());
    scene.getAccelerators().put(
        new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::refresh);
    applyTheme(initialTheme);
    showNothingSelected();
    model.keys().addListener((javafx.collections.ListChangeListener<KeyRef>) change -> {
      if (model.keys().isEmpty() && keyList.getSelectionModel().isEmpty()
          && accountList.getSelectionModel().isEmpty()) {
        showNothingSelected();
      }
      // after the ListView has adjusted its own selection to the change
      javafx.application.Platform.runLater(this::restoreSelection);
    });
    model.start();
    return scene;
  }

  public void applyTheme(Theme next) {
    theme = next;
    next.apply();
    themeSwitch.setSelected(next == Theme.DARK);
    themeSwitch.setText(next == Theme.DARK ? "☾ Dark" : "☀ Light");
  }

  private HBox header() {
    Label title = new Label("KeyDesk");
    title.getStyleClass().add("app-title");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    themeSwitch.setId("theme-switch");
    themeSwitch.setAccessibleText("Switch between the light and dark theme");
    themeSwitch.setOnAction(e -> {
      applyTheme(theme.other());
      services.settings().saveTheme(theme);
    });
    Label demo = demoBadge;
    demo.setId("demo-badge");
    demo.getStyleClass().addAll("badge");
    demo.setVisible(false);
    HBox header = new HBox(10, title, demo, spacer, themeSwitch);
    header.setAlignment(Pos.CENTER_LEFT);
    header.getStyleClass().add("header");
    services.demo().ifPresent(d -> {
      demo.setText("Demo · RP " + d.rpUrl());
      demo.setVisible(true);
    });
    return header;
  }

  private Node udevBanner() {
    Label text = new Label();
    text.setId("udev-banner");
    text.setWrapText(true);
    text.textProperty().bind(model.udevProblemProperty());
    VBox banner = new VBox(text);
    banner.getStyleClass().add("banner");
    banner.visibleProperty().bind(model.udevProblemProperty().isNotEmpty());
    banner.managedProperty().bind(banner.visibleProperty());
    return banner;
  }

  private VBox sidebar() {
    Label keysTitle = new Label("SECURITY KEYS");
    keysTitle.getStyleClass().add("section-title");
    keyList.setId("key-list");
    keyList.setItems(model.keys());
    keyList.setAccessibleText("Security keys plugged in");
    keyList.setPrefHeight(200);
    keyList.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(KeyRef key, boolean empty) {
        super.updateItem(key, empty);
        if (empty || key == null) {
          setText(null);
          setAccessibleText(null);
        } else {
          setText(key.displayName() + "\n" + key.transport().toUpperCase() + " · " + key.id());
          setAccessibleText(key.displayName() + " on " + key.id());
        }
      }
    });
    keyList.getSelectionModel().selectedItemProperty().addListener((obs, old, key) -> {
      if (key != null) {
        accountList.getSelectionModel().clearSelection();
        showKey(key);
        services.settings().saveSelection("key:" + key.id());
      }
    });
    Label accountsTitle = new Label("ACCOUNTS");
    accountsTitle.getStyleClass().add("section-title");
    accountList.setId("account-list");
    accountList.setAccessibleText("Accounts");
    accountList.setPrefHeight(120);
    accountList.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(Account account, boolean empty) {
        super.updateItem(account, empty);
        if (empty || account == null) {
          setText(null);
          setAccessibleText(null);
        } else {
          setText(account.username() + "\n" + account.rpUrl());
          setAccessibleText(account.username() + " at " + account.rpUrl());
        }
      }
    });
    accountList.getSelectionModel().selectedItemProperty().addListener((obs, old, account) -> {
      if (account != null) {
        keyList.getSelectionModel().clearSelection();
        showAccount(account);
        services.settings().saveSelection("account:" + account.id());
      }
    });
    Button addAccount = new Button("+ _Add account");
    addAccount.setId("add-account");
    addAccount.getStyleClass().add("flat");
    addAccount.setOnAction(e -> addAccount());
    VBox sidebar = new VBox(4, keysTitle, keyList, accountsTitle, accountList, addAccount);
    VBox.setVgrow(keyList, Priority.SOMETIMES);
    sidebar.getStyleClass().add("sidebar");
    sidebar.setPrefWidth(250);
    return sidebar;
  }

  private HBox statusBar() {
    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(model.statusProperty());
    HBox bar = new HBox(status);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  private void restoreSelection() {
    if (!keyList.getSelectionModel().isEmpty() || !accountList.getSelectionModel().isEmpty()) {
      return;
    }
    Optional<String> saved = services.settings().selection();
    List<KeyRef> keys = model.keys();
    Optional<KeyRef> match = saved.filter(s -> s.startsWith("key:"))
        .flatMap(s -> keys.stream().filter(k -> ("key:" + k.id()).equals(s)).findFirst());
    if (match.isPresent()) {
      keyList.getSelectionModel().select(match.get());
    } else if (!keys.isEmpty()) {
      keyList.getSelectionModel().select(0);
    }
  }

  private void setContent(Node node) {
    if (disposeCurrent != null) {
      disposeCurrent.run();
      disposeCurrent = null;
    }
    accountPage = null;
    content.setCenter(node);
  }

  /** Ctrl/Cmd+R: the key list, and the account page when one is shown. */
  private void refresh() {
    model.refresh();
    if (accountPage != null && content.getCenter() instanceof AccountView) {
      accountPage.refresh();
    }
  }

  private void showNothingSelected() {
    setContent(EmptyStates.noKey(this::startDemo, services.demo().isPresent()));
  }

  /** Starts the demo (reference RP, demo account, virtual key) unless it runs already. */
  public void startDemo() {
    if (services.demo().isPresent()) {
      model.refresh();
      return;
    }
    demoBadge.setText("Starting the demo…");
    demoBadge.setVisible(true);
    services.startDemo(() -> {
      services.demo().ifPresent(d -> demoBadge.setText("Demo · RP " + d.rpUrl()));
      reloadAccounts(true);
      model.refresh();
    });
  }

  /** Lists the accounts again (after the cache opened or the demo started). */
  public void reloadAccounts(boolean selectFirst) {
    services.accounts().ifPresent(service -> services.tasks()
        .wrap(c -> service.accounts())
        .onSuccess(accounts -> {
          accountList.getItems().setAll(accounts);
          if (selectFirst && !accounts.isEmpty()) {
            keyList.getSelectionModel().clearSelection();
            accountList.getSelectionModel().select(0);
          }
        })
        .onFailure(e -> model.reportError(e.getMessage()))
        .executeWith(services.tasks().background()));
  }

  private void addAccount() {
    Optional<AccountService> service = services.accounts();
    if (service.isEmpty()) {
      keyList.getSelectionModel().clearSelection();
      accountList.getSelectionModel().clearSelection();
      setContent(EmptyStates.accounts(this::startDemo, services.demo().isPresent()));
      return;
    }
    AddAccountDialog dialog = new AddAccountDialog(sheets);
    dialog.show(new AddAccountViewModel(services.tasks(), service.get(), account -> {
      Optional<char[]> password = dialog.takePassword();
      dialog.close();
      accountList.getItems().add(account);
      keyList.getSelectionModel().clearSelection();
      pendingPassword = password;
      accountList.getSelectionModel().select(account);
    }));
  }

  private Optional<char[]> pendingPassword = Optional.empty();

  private void showAccount(Account account) {
    Optional<AccountService> service = services.accounts();
    if (service.isEmpty()) {
      setContent(EmptyStates.accounts(this::startDemo, services.demo().isPresent()));
      return;
    }
    AccountViewModel viewModel = new AccountViewModel(services.tasks(), service.get(), account,
        sessions, new AccountSheets(sheets, touchPrompt, pinDialog, services::demo),
        services.keys(), () -> model.keys().stream().findFirst(), Clock.systemUTC(),
        ZoneId.systemDefault());
    pendingPassword.ifPresent(viewModel::useFirstPassword);
    pendingPassword = Optional.empty();
    setContent(new AccountView(viewModel, sheets));
    disposeCurrent = viewModel::dispose;
    accountPage = viewModel;
    viewModel.refresh();
  }

  private AccountViewModel accountPage;

  /** Logs out of every account (the tokens are dropped), then shows the selected one again. */
  public void logOut() {
    services.tasks()
        .wrap(c -> {
          sessions.close();
          return null;
        })
        .onSuccess(v -> {
          Account selected = accountList.getSelectionModel().getSelectedItem();
          if (selected != null) {
            showAccount(selected);
          }
        })
        .executeWith(services.tasks().background());
  }

  /** The account page on screen, if any (tests). */
  public Optional<AccountViewModel> accountPage() {
    return Optional.ofNullable(accountPage);
  }

  private void showKey(KeyRef key) {
    DeviceViewModel viewModel = new DeviceViewModel(services.tasks(), services.keys(), key,
        prompts(key));
    setContent(new DeviceView(viewModel));
    disposeCurrent = viewModel::dispose;
    viewModel.load();
  }

  private DeviceViewModel.Prompts prompts(KeyRef key) {
    return new DeviceViewModel.Prompts() {
      @Override
      public CompletableFuture<Optional<PinEntry>> askPin(PinRequest request) {
        return pinDialog.ask(request);
      }

      @Override
      public CompletableFuture<Boolean> confirm(String title, String message, String label) {
        return Confirmation.ask(sheets, title, message, label);
      }

      @Override
      public void touchNeeded(String keyName, Cancellation cancellation) {
        Optional<Runnable> virtual = services.demo()
            .filter(d -> d.virtualKeyId().equals(key.id()))
            .map(d -> d::touchVirtualKey);
        touchPrompt.show(keyName, cancellation, virtual);
      }

      @Override
      public void touchDone() {
        touchPrompt.hide();
      }
    };
  }

  /** Whether the touch prompt is on screen (tests). */
  public boolean isTouchPromptShowing() {
    return touchPrompt.isShowing();
  }
}
