package io.keydesk.gui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;

/** Empty states that teach what to do next. */
final class EmptyStates {
  private EmptyStates() {}

  /** No key: "Insert your security key", plus the virtual key when there is one. */
  static VBox noKey(Runnable useVirtualKey, boolean virtualKeyOffered) {
    Rectangle body = new Rectangle(34, 70);
    body.setArcWidth(12);
    body.setArcHeight(12);
    body.getStyleClass().add("key-picture");
    Circle button = new Circle(9);
    button.setStyle("-fx-fill: -color-bg-default;");
    StackPane picture = new StackPane(body, button);
    Label title = new Label("Insert your security key");
    title.getStyleClass().add("empty-title");
    Label hint = new Label("Plug it into a USB port; it appears here by itself.");
    hint.getStyleClass().add("muted");
    VBox box = new VBox(picture, title, hint);
    box.setId("empty-keys");
    box.getStyleClass().add("empty-state");
    Button virtual = new Button(virtualKeyOffered ? "Use the _virtual key" : "Use a _virtual key (for testing)");
    virtual.setId("use-virtual-key");
    virtual.setOnAction(e -> useVirtualKey.run());
    box.getChildren().add(virtual);
    box.setAlignment(Pos.CENTER);
    return box;
  }

  /** No account yet: add one, or try the demo (its RP, account and virtual key). */
  static VBox accounts(Runnable tryDemo, boolean demoRunning) {
    Label title = new Label("Add an account");
    title.getStyleClass().add("empty-title");
    Label text =
        new Label(
            "Manage the security keys of your account at a web service: log in with your key,"
                + " add a backup key, rename or remove keys. Choose \"+ Add account\" in the"
                + " sidebar"
                + (demoRunning ? "." : ", or try everything first with the demo server."));
    text.setWrapText(true);
    text.setMaxWidth(460);
    text.getStyleClass().add("muted");
    VBox box = new VBox(title, text);
    box.setId("accounts-empty");
    box.getStyleClass().add("empty-state");
    if (!demoRunning) {
      Button demo = new Button("Try the _demo");
      demo.setId("try-demo");
      demo.setOnAction(e -> tryDemo.run());
      box.getChildren().add(demo);
    }
    return box;
  }

  /** Several keys and none chosen: pick one in the sidebar. */
  static VBox chooseKey() {
    Label title = new Label("Choose a security key");
    title.getStyleClass().add("empty-title");
    Label hint = new Label("Several keys are plugged in: pick one under SECURITY KEYS.");
    hint.getStyleClass().add("muted");
    VBox box = new VBox(title, hint);
    box.setId("choose-key");
    box.getStyleClass().add("empty-state");
    box.setAlignment(Pos.CENTER);
    return box;
  }

  /** While the demo's server and virtual key start (a second or two). */
  static VBox startingDemo() {
    // no ProgressIndicator: its skin costs more than the rest of the first frame
    Label title = new Label("Starting the demo…");
    title.getStyleClass().add("empty-title");
    Label hint = new Label("A local test server and a virtual security key are starting.");
    hint.getStyleClass().add("muted");
    VBox box = new VBox(title, hint);
    box.setId("starting-demo");
    box.getStyleClass().add("empty-state");
    box.setAlignment(Pos.CENTER);
    return box;
  }
}
