package io.keydesk.gui;

import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop app's window. */
public final class KeyDeskApp extends Application {
  @Override
  public void start(Stage stage) {
    Label title = new Label("KeyDesk");
    title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
    Label subtitle = new Label("Insert your security key");
    VBox root = new VBox(12, title, subtitle);
    root.setAlignment(Pos.CENTER);
    stage.setTitle("KeyDesk");
    stage.setScene(new Scene(root, 960, 600));
    stage.show();
  }
}
