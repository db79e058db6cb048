package io.keydesk.gui;

import io.keydesk.app.desktop.KeyModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Separator;

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

  /** Builds the scene and starts listing keys; call on the FX thread. */
  public Scene build(Theme initialTheme) {
    Scene scene = buildWithoutStarting(initialTheme);
    start();
    return scene;
  }

  /** Starts hotplug and the key listing (in the background): after the first frame. */
  public void start() {
    model.start();
  }

  /** The "Starting the demo…" state, before anything is listed. */
  public void showStartingDemo() {
    demoBadge.setText("Starting the demo…");
    demoBadge.setVisible(true);
    setContent(EmptyStates.startingDemo());
  }

  /** The demo did not start: say so and show what is there instead. */
  public void demoFailed(String message) {
    demoBadge.setVisible(false);
    model.reportError(message);
    if (content.getCenter() instanceof VBox box && "starting-demo".equals(box.getId())) {
      showNothingSelected();
      restoreSelection();
    }
  }

  /** Builds the scene without touching devices; call {@link #start()} after. */
  public Scene buildWithoutStarting(Theme initialTheme) {
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
          && accountList.getSelectionModel().isEmpty()
          && !(content.getCenter() instanceof VBox box && "starting-demo".equals(box.getId()))) {
        showNothingSelected();
      }
      // after the ListView has adjusted its own selection to the change
      javafx.application.Platform.runLater(this::restoreSelection);
    });
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

  /** The height of one sidebar row (two lines of text). */
  private static final double SIDEBAR_ROW = 46;

  private VBox sidebar() {
    Label keysTitle = new Label("SECURITY KEYS");
    keysTitle.getStyleClass().add("section-title");
    keyList.setId("key-list");
    keyList.setItems(model.keys());
    keyList.setAccessibleText("Security keys plugged in");
    keyList.setPlaceholder(placeholder("No key plugged in"));
    fitToContent(keyList, 5);
    keyList.setCellFactory(list -> new TwoLineCell<>(
        key -> sidebarName(key), key -> sidebarDetail(key),
        key -> sidebarName(key) + " on " + key.id()));
    // a model name arriving (getInfo read) redraws the cells; the items and selection stay
    model.models().addListener(
        (javafx.collections.MapChangeListener<String, KeyModel>) change -> keyList.refresh());
    keyList.getSelectionModel().selectedItemProperty().addListener((obs, old, key) -> {
      if (key != null) {
        accountList.getSelectionModel().clearSelection();
        if (!(content.getCenter() instanceof DeviceView view && view.key().equals(key))) {
          showKey(key);
        }
        services.settings().saveSelection("key:" + key.id());
      }
    });
    Label accountsTitle = new Label("ACCOUNTS");
    accountsTitle.getStyleClass().add("section-title");
    accountList.setId("account-list");
    accountList.setAccessibleText("Accounts");
    accountList.setPlaceholder(placeholder("No account yet"));
    fitToContent(accountList, 5);
    accountList.setCellFactory(list -> new TwoLineCell<>(
        Account::username, Account::rpUrl, a -> a.username() + " at " + a.rpUrl()));
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
    Separator between = new Separator();
    between.getStyleClass().add("sidebar-separator");
    Region rest = new Region();
    VBox.setVgrow(rest, Priority.ALWAYS);
    VBox sidebar = new VBox(4, keysTitle, keyList, between, accountsTitle, accountList, addAccount,
        rest);
    sidebar.getStyleClass().add("sidebar");
    sidebar.setPrefWidth(250);
    sidebar.setMinWidth(220);
    return sidebar;
  }

  /**
   * A sidebar row: the name, and a smaller muted detail line below; both cut with "…" at the
   * sidebar's width (the list never scrolls sideways).
   */
  private static final class TwoLineCell<T> extends ListCell<T> {
    private final Label first = new Label();
    private final Label second = new Label();
    private final VBox lines = new VBox(1, first, second);
    private final java.util.function.Function<T, String> name;
    private final java.util.function.Function<T, String> detail;
    private final java.util.function.Function<T, String> accessible;

    TwoLineCell(java.util.function.Function<T, String> name,
        java.util.function.Function<T, String> detail,
        java.util.function.Function<T, String> accessible) {
      this.name = name;
      this.detail = detail;
      this.accessible = accessible;
      first.getStyleClass().add("sidebar-name");
      second.getStyleClass().add("sidebar-detail");
      setPrefWidth(0); // no horizontal scroll bar: the labels ellipsize instead
    }

    @Override
    protected void updateItem(T item, boolean empty) {
      super.updateItem(item, empty);
      setText(null);
      if (empty || item == null) {
        setGraphic(null);
        setAccessibleText(null);
      } else {
        first.setText(name.apply(item));
        second.setText(detail.apply(item));
        setGraphic(lines);
        setAccessibleText(accessible.apply(item));
      }
    }
  }

  /** A list as tall as its rows (one row for the placeholder), up to {@code maxRows}. */
  private static void fitToContent(ListView<?> list, int maxRows) {
    list.setFixedCellSize(SIDEBAR_ROW);
    javafx.beans.binding.DoubleBinding height = Bindings.createDoubleBinding(
        () -> Math.max(1, Math.min(maxRows, list.getItems().size())) * SIDEBAR_ROW + 4,
        list.itemsProperty(), Bindings.size(list.getItems()));
    list.prefHeightProperty().bind(height);
    list.minHeightProperty().bind(height);
    list.maxHeightProperty().bind(height);
  }

  private static Label placeholder(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("muted");
    return label;
  }

  /** The sidebar's first line: the model from the AAGUID once getInfo is read, else the product. */
  private String sidebarName(KeyRef key) {
    KeyModel known = model.models().get(key.id());
    return known == null ? key.displayName() : known.name();
  }

  /** The second line: the product string and the transport, then where it is. */
  private String sidebarDetail(KeyRef key) {
    KeyModel known = model.models().get(key.id());
    String transport = key.transport().toUpperCase(java.util.Locale.ROOT);
    return known != null && known.fromAaguid()
        ? key.product() + " · " + transport
        : transport + " · " + key.id();
  }

  private HBox statusBar() {
    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(model.statusProperty());
    HBox bar = new HBox(status);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  /**
   * Selects what was remembered (a key or an account) when it is listed; with nothing remembered
   * (or the remembered one gone) and exactly one key, selects that key. Several keys: the user
   * chooses. Runs whenever the key list or the account list changes while nothing is selected.
   */
  private void restoreSelection() {
    if (!keyList.getSelectionModel().isEmpty() || !accountList.getSelectionModel().isEmpty()) {
      return;
    }
    Optional<String> saved = services.settings().selection();
    List<KeyRef> keys = model.keys();
    Optional<KeyRef> key = saved.filter(s -> s.startsWith("key:"))
        .flatMap(s -> keys.stream().filter(k -> ("key:" + k.id()).equals(s)).findFirst());
    if (key.isPresent()) {
      keyList.getSelectionModel().select(key.get());
      return;
    }
    Optional<Account> account = saved.filter(s -> s.startsWith("account:"))
        .flatMap(s -> accountList.getItems().stream()
            .filter(a -> ("account:" + a.id()).equals(s)).findFirst());
    if (account.isPresent()) {
      accountList.getSelectionModel().select(account.get());
      return;
    }
    boolean accountPending = saved.filter(s -> s.startsWith("account:")).isPresent()
        && !accountsSettled;
    if (keys.size() == 1 && !accountPending) {
      keyList.getSelectionModel().select(0);
    } else if (keys.size() > 1 && !(content.getCenter() instanceof VBox box
        && "choose-key".equals(box.getId()))) {
      setContent(EmptyStates.chooseKey());
    }
  }

  /** Whether the account list has loaded (or cannot load): a remembered account is decided. */
  private boolean accountsSettled;

  /** The account cache could not be opened: stop waiting for a remembered account. */
  public void accountsUnavailable() {
    accountsSettled = true;
    restoreSelection();
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
    setContent(EmptyStates.noKey(() -> startDemo(false), services.demo().isPresent()));
  }

  /** Starts the demo (reference RP, demo account, virtual key) unless it runs already. */
  public void startDemo() {
    startDemo(false);
  }

  /**
   * Starts the demo unless it runs already; then shows the demo account when {@code showAccount}
   * ("Try the demo"), else what was remembered or the virtual key.
   */
  public void startDemo(boolean showAccount) {
    if (services.demo().isPresent()) {
      model.refresh();
      return;
    }
    demoBadge.setText("Starting the demo…");
    demoBadge.setVisible(true);
    if (keyList.getItems().isEmpty() && content.getCenter() instanceof VBox box
        && "empty-keys".equals(box.getId())) {
      showStartingDemo();
    }
    services.startDemo(() -> {
      services.demo().ifPresent(d -> demoBadge.setText("Demo · RP " + d.rpUrl()));
      reloadAccounts(showAccount);
      model.refresh();
    });
  }

  /** Lists the accounts again (after the cache opened or the demo started). */
  public void reloadAccounts(boolean selectFirst) {
    services.accounts().ifPresent(service -> services.tasks()
        .wrap(c -> service.accounts())
        .onSuccess(accounts -> {
          accountList.getItems().setAll(accounts);
          accountsSettled = true;
          if (selectFirst && !accounts.isEmpty()) {
            keyList.getSelectionModel().clearSelection();
            accountList.getSelectionModel().select(0);
          } else {
            restoreSelection();
          }
        })
        .onFailure(e -> {
          accountsSettled = true;
          model.reportError(e.getMessage());
          restoreSelection();
        })
        .executeWith(services.tasks().background()));
  }

  private void addAccount() {
    Optional<AccountService> service = services.accounts();
    if (service.isEmpty()) {
      keyList.getSelectionModel().clearSelection();
      accountList.getSelectionModel().clearSelection();
      setContent(EmptyStates.accounts(() -> startDemo(true), services.demo().isPresent()));
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
      setContent(EmptyStates.accounts(() -> startDemo(true), services.demo().isPresent()));
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
    viewModel.overviewProperty().addListener((obs, old, overview) -> {
      if (overview != null) {
        model.learnModel(key, overview.model());
      }
    });
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
