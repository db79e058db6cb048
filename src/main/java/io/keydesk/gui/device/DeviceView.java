package io.keydesk.gui.device;

import io.keydesk.app.InfoSummary;
import io.keydesk.app.desktop.KeyOverview;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The device page; binds to {@link DeviceViewModel} and nothing else. */
public final class DeviceView extends VBox {
  private final io.keydesk.app.desktop.KeyRef key;

  public DeviceView(DeviceViewModel model) {
    super(12);
    this.key = model.key();
    setId("device-view");
    getStyleClass().add("content");

    Label title = new Label();
    title.setId("device-title");
    title.getStyleClass().add("page-title");
    title.textProperty().bind(
        Bindings.createStringBinding(
            () -> model.overviewProperty().get() == null
                ? model.key().displayName()
                : model.overviewProperty().get().model().name(),
            model.overviewProperty()));
    Label where = new Label(model.key().transport().toUpperCase() + " · "
        + model.key().vendorProduct() + " · " + model.key().id());
    where.getStyleClass().add("muted");

    Label version = badge("device-version");
    Label pin = badge("device-pin");
    Label slots = badge("device-slots");
    Label modelWarning = badge("device-model-warning");
    modelWarning.getStyleClass().add("badge-warning");
    modelWarning.setText("⚠ Model reported compromised");
    modelWarning.setVisible(false);
    modelWarning.managedProperty().bind(modelWarning.visibleProperty());
    HBox badges = new HBox(8, version, pin, slots, modelWarning);

    GridPane summary = new GridPane();
    summary.setId("device-summary");
    summary.getStyleClass().add("info-grid");
    summary.setHgap(16);
    summary.setVgap(2);
    // the label column keeps its computed width ("Discoverable credentials" whole); values wrap
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    labels.setHgrow(Priority.NEVER);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    values.setMinWidth(0);
    summary.getColumnConstraints().setAll(labels, values);
    TextArea json = new TextArea();
    json.setId("device-json");
    json.setEditable(false);
    json.getStyleClass().add("details");
    json.setAccessibleText("The full getInfo response as JSON");

    model.overviewProperty().addListener((obs, old, overview) -> {
      if (overview == null) {
        return;
      }
      version.setText(overview.fidoVersion());
      pin.setText(overview.pinBadge());
      pin.getStyleClass().remove("badge-warning");
      if (overview.pinRetries().filter(r -> r <= 3).isPresent()) {
        pin.getStyleClass().add("badge-warning");
      }
      modelWarning.setVisible(overview.model().warning().isPresent());
      overview.model().warning().ifPresent(w -> {
        modelWarning.setAccessibleText(w);
        modelWarning.setTooltip(new javafx.scene.control.Tooltip(w));
      });
      slots.setText(overview.remainingDiscoverable()
          .map(n -> n + " passkey slots free").orElse("passkey slots: not reported"));
      summary.getChildren().clear();
      int row = 0;
      for (InfoSummary.Line line : overview.lines()) {
        Label label = new Label(line.label());
        label.getStyleClass().add("muted");
        label.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        Label value = new Label(line.value());
        value.setWrapText(true);
        summary.addRow(row++, label, value);
      }
      json.setText(overview.json());
    });

    Button wink = new Button("_Identify (blink)");
    wink.setId("device-wink");
    wink.setAccessibleText("Identify: make the key blink");
    wink.setOnAction(e -> model.wink());
    wink.disableProperty().bind(model.busyProperty().or(Bindings.createBooleanBinding(
        () -> model.overviewProperty().get() == null || !model.overviewProperty().get().canWink(),
        model.overviewProperty())));
    Button pinButton = new Button();
    pinButton.setId("device-pin-button");
    pinButton.textProperty().bind(Bindings.createStringBinding(() -> {
      KeyOverview o = model.overviewProperty().get();
      return o != null && o.pinSet().orElse(false) ? "Change _PIN…" : "Set _PIN…";
    }, model.overviewProperty()));
    pinButton.setOnAction(e -> model.setOrChangePin());
    Button test = new Button("_Test this key");
    test.setId("device-test");
    test.setAccessibleText("Test this key: register and sign in with a throwaway credential");
    test.setOnAction(e -> model.testKey());
    Button reset = new Button("_Reset…");
    reset.setId("device-reset");
    reset.getStyleClass().add("danger");
    reset.setOnAction(e -> model.reset());
    for (Button b : new Button[] {pinButton, test, reset}) {
      b.disableProperty().bind(model.busyProperty().or(model.overviewProperty().isNull()));
    }
    FlowPane actions = new FlowPane(10, 10, wink, pinButton, test, reset);

    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(18, 18);
    Label progress = new Label();
    progress.setId("device-progress");
    progress.textProperty().bind(model.progressProperty());
    HBox progressRow = new HBox(8, spinner, progress);
    progressRow.visibleProperty().bind(model.busyProperty());
    progressRow.managedProperty().bind(model.busyProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("device-cancel");
    cancel.setOnAction(e -> model.cancel());
    progressRow.getChildren().add(cancel);

    Label message = new Label();
    message.setId("device-message");
    message.getStyleClass().add("ok-text");
    message.textProperty().bind(model.messageProperty());
    Label error = new Label();
    error.setId("device-error");
    error.setWrapText(true);
    error.getStyleClass().add("error-text");
    error.textProperty().bind(model.errorProperty());
    // empty lines take no room (no gap between the buttons and the tabs)
    for (Label line : new Label[] {message, error}) {
      line.visibleProperty().bind(line.textProperty().isNotEmpty());
      line.managedProperty().bind(line.visibleProperty());
    }

    VBox testBox = new VBox(6);
    testBox.setId("device-test-report");
    model.testReportProperty().addListener((obs, old, report) -> {
      testBox.getChildren().clear();
      if (report != null) {
        Label verdict = new Label(report.verdict());
        verdict.setId("device-test-verdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().add(report.passed() ? "ok-text" : "error-text");
        TextArea details = new TextArea(String.join("\n", report.details()));
        details.setEditable(false);
        details.setPrefRowCount(6);
        details.getStyleClass().add("details");
        testBox.getChildren().addAll(verdict, details);
      }
    });

    ScrollPane overviewScroll = new ScrollPane(new VBox(12, summary, testBox));
    overviewScroll.setFitToWidth(true);
    overviewScroll.setPadding(new Insets(8));
    TabPane tabs = new TabPane(new Tab("Overview", overviewScroll), new Tab("Full info", json));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    VBox.setVgrow(tabs, Priority.ALWAYS);

    getChildren().addAll(
        new VBox(2, title, where), badges, actions, progressRow, message, error, tabs);
  }

  /** The key this page shows. */
  public io.keydesk.app.desktop.KeyRef key() {
    return key;
  }

  private static Label badge(String id) {
    Label label = new Label("…");
    label.setId(id);
    label.getStyleClass().add("badge");
    return label;
  }

}
