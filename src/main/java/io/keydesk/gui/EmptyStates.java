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

  /** The Accounts area until the account use cases are wired in. */
  static VBox accounts(Runnable tryDemo, boolean demoRunning, String demoAccount) {
    Label title = new Label(demoRunning ? demoAccount : "Add an account");
    title.getStyleClass().add("empty-title");
    Label text =
        new Label(
            "Managing the security keys of an account (log in with the second factor, add,"
                + " rename and remove keys) is not available in this build yet: the desktop"
                + " account pages wait for the account use cases. The command line has them.");
    text.setWrapText(true);
    text.setMaxWidth(460);
    text.getStyleClass().add("muted");
    VBox box = new VBox(title, text);
    box.setId("accounts-pending");
    box.getStyleClass().add("empty-state");
    if (!demoRunning) {
      Button demo = new Button("Try the _demo");
      demo.setId("try-demo");
      demo.setOnAction(e -> tryDemo.run());
      box.getChildren().add(demo);
    }
    return box;
  }
}
