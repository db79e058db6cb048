package io.keydesk.gui.account;

import io.keydesk.gui.prompt.SheetHost;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The account page: header with the two-factor state, banners (offline, recommendation, the
 * two-factor-off answer), the keys table with names edited in place (Enter saves, Esc cancels;
 * F2 or Rename starts), Remove per row, "+ Add key".
 */
public final class AccountView extends BorderPane {
  private final AccountViewModel model;
  private final SheetHost sheets;
  private final TableView<KeyRow> table = new TableView<>();

  public AccountView(AccountViewModel model, SheetHost sheets) {
    this.model = model;
    this.sheets = sheets;
    setId("account-page");
    getStyleClass().add("device-page");
    setPadding(new javafx.geometry.Insets(16, 20, 12, 20));
    VBox header = header();
    BorderPane.setMargin(header, new javafx.geometry.Insets(0, 0, 12, 0));
    setTop(header);
    setCenter(body());
  }

  private VBox header() {
    Label title = new Label(model.title());
    title.setId("account-title");
    title.getStyleClass().add("device-title");
    title.setWrapText(true);
    Label twoFactor = new Label();
    twoFactor.setId("account-two-factor");
    twoFactor.getStyleClass().add("badge");
    twoFactor.textProperty().bind(model.twoFactorProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(10, title, spacer, twoFactor);
    top.setAlignment(Pos.CENTER_LEFT);
    VBox header = new VBox(8, top,
        banner("account-offline", model.offlineProperty(), "banner"),
        banner("account-warning", model.warningProperty(), "banner"),
        loginBanner());
    return header;
  }

  private static Label banner(String id, javafx.beans.value.ObservableStringValue text,
      String style) {
    Label label = new Label();
    label.setId(id);
    label.setWrapText(true);
    label.setMaxWidth(Double.MAX_VALUE);
    label.getStyleClass().add(style);
    label.textProperty().bind(text);
    label.visibleProperty().bind(label.textProperty().isNotEmpty());
    label.managedProperty().bind(label.visibleProperty());
    return label;
  }

  private HBox loginBanner() {
    Label text = new Label("Not logged in.");
    Button logIn = new Button("_Log in");
    logIn.setId("account-log-in");
    logIn.setOnAction(e -> model.refresh());
    HBox box = new HBox(10, text, logIn);
    box.setAlignment(Pos.CENTER_LEFT);
    box.visibleProperty().bind(model.loggedInProperty().not().and(model.busyProperty().not())
        .and(model.offlineProperty().isEmpty()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private VBox body() {
    Label section = new Label("Security keys");
    section.getStyleClass().add("section-title");
    Button add = new Button("+ Add _key");
    add.setId("account-add-key");
    add.setAccessibleText("Add a security key to this account");
    add.disableProperty().bind(model.busyProperty().or(model.offlineProperty().isNotEmpty()));
    add.setOnAction(e -> askName());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(10, section, spacer, add);
    bar.setAlignment(Pos.CENTER_LEFT);

    table.setId("account-keys");
    table.setItems(model.rows());
    table.setEditable(true);
    table.setAccessibleText("Security keys registered at this account");
    table.setPlaceholder(new Label("No security key yet: add one to turn on two-factor"
        + " authentication."));
    // every column shares the width by its preferred size, never below its minimum (headers whole)
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    TableColumn<KeyRow, String> name = new TableColumn<>("Name");
    name.setId("column-name");
    name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    name.setCellFactory(TextFieldTableCell.forTableColumn());
    name.setEditable(true);
    name.setOnEditCommit(e -> model.rename(e.getRowValue(), e.getNewValue()));
    name.setPrefWidth(120);
    name.setMinWidth(100);
    TableColumn<KeyRow, String> added = column("Added", KeyRow::added, 100);
    TableColumn<KeyRow, String> used = column("Last used", KeyRow::lastUsed, 100);
    TableColumn<KeyRow, KeyRow> modelColumn = new TableColumn<>("Model");
    modelColumn.setId("column-model");
    modelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    modelColumn.setCellFactory(c -> new ModelCell());
    modelColumn.setEditable(false);
    modelColumn.setPrefWidth(180);
    modelColumn.setMinWidth(120);
    TableColumn<KeyRow, KeyRow> actions = new TableColumn<>("");
    actions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    actions.setCellFactory(c -> new ActionsCell());
    actions.setSortable(false);
    actions.setMinWidth(200); // Rename and Remove, whole
    actions.setPrefWidth(200);
    actions.setMaxWidth(200);
    actions.setResizable(false);
    table.getColumns().setAll(java.util.List.of(name, added, used, modelColumn, actions));
    table.setOnKeyPressed(e -> {
      KeyRow selected = table.getSelectionModel().getSelectedItem();
      if (selected == null || model.busyProperty().get()) {
        return;
      }
      if (e.getCode() == KeyCode.F2) {
        edit(selected);
        e.consume();
      } else if (e.getCode() == KeyCode.DELETE) {
        model.remove(selected);
        e.consume();
      }
    });

    Label other = new Label();
    other.setId("account-other-methods");
    other.getStyleClass().add("muted");
    other.textProperty().bind(model.otherMethodsProperty());
    other.managedProperty().bind(other.textProperty().isNotEmpty());
    Label recommendation = banner("account-recommendation", model.recommendationProperty(),
        "hint");
    Label progress = new Label();
    progress.setId("account-progress");
    progress.getStyleClass().add("muted");
    progress.textProperty().bind(model.progressProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("account-cancel");
    cancel.setOnAction(e -> model.cancel());
    HBox running = new HBox(10, progress, cancel);
    running.setAlignment(Pos.CENTER_LEFT);
    running.visibleProperty().bind(model.busyProperty());
    running.managedProperty().bind(running.visibleProperty());
    Label message = banner("account-message", model.messageProperty(), "muted");
    Label error = banner("account-error", model.errorProperty(), "error-text");
    VBox body = new VBox(10, bar, table, other, recommendation, running, message, error);
    VBox.setVgrow(table, Priority.ALWAYS);
    return body;
  }

  private static TableColumn<KeyRow, String> column(
      String title, java.util.function.Function<KeyRow, String> value, double width) {
    TableColumn<KeyRow, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setEditable(false);
    column.setPrefWidth(width);
    column.setMinWidth(width); // the header ("Last used") and a date must never be cut
    return column;
  }

  private void edit(KeyRow row) {
    int index = table.getItems().indexOf(row);
    if (index >= 0) {
      table.getSelectionModel().select(index);
      table.edit(index, table.getColumns().get(0));
    }
  }

  private void askName() {
    TextField field = new TextField();
    field.setId("add-key-name");
    field.setPromptText("Office key");
    field.setAccessibleText("A name for the new key");
    AddKeyDialog.ask(sheets, field).thenAccept(name -> name.ifPresent(model::addKey));
  }

  /** The model name, with a warning badge when compromised and a note when possibly cloned. */
  private static final class ModelCell extends TableCell<KeyRow, KeyRow> {
    private final Label badge = new Label("⚠ compromised");

    ModelCell() {
      badge.getStyleClass().addAll("badge", "badge-warning");
      setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
      setGraphicTextGap(8);
    }

    @Override
    protected void updateItem(KeyRow row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setText(null);
        setGraphic(null);
        setTooltip(null);
        return;
      }
      setText(row.model() + (row.possiblyCloned() ? "  ⚠ possibly cloned" : ""));
      if (row.modelWarning().isPresent()) {
        badge.setId("model-warning-" + getIndex());
        badge.setAccessibleText(row.modelWarning().get());
        setGraphic(badge);
        setTooltip(new javafx.scene.control.Tooltip(row.modelWarning().get()));
      } else {
        setGraphic(null);
        setTooltip(null);
      }
    }
  }

  /** Rename and Remove buttons of a row. */
  private final class ActionsCell extends TableCell<KeyRow, KeyRow> {
    private final Button rename = new Button("Rename");
    private final Button remove = new Button("Remove");
    private final HBox box = new HBox(6, rename, remove);

    ActionsCell() {
      rename.getStyleClass().add("flat");
      remove.getStyleClass().add("danger");
      rename.disableProperty().bind(model.busyProperty());
      remove.disableProperty().bind(Bindings.or(model.busyProperty(),
          model.offlineProperty().isNotEmpty()));
      rename.setOnAction(e -> edit(getItem()));
      remove.setOnAction(e -> model.remove(getItem()));
    }

    @Override
    protected void updateItem(KeyRow row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        remove.setId(null);
        rename.setId(null);
        setGraphic(null);
      } else {
        rename.setAccessibleText("Rename " + row.name());
        remove.setAccessibleText("Remove " + row.name());
        remove.setId("remove-" + getIndex());
        rename.setId("rename-" + getIndex());
        setGraphic(box);
      }
    }
  }
}
